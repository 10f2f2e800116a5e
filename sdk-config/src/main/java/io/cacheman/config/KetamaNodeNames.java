package io.cacheman.config;

/** Which name each node gets on the ketama ring; fleets that share keys with other clients must agree. */
public enum KetamaNodeNames {
  /** {@code host:port}, or just {@code host} when the port is 11211: libmemcached and twemproxy. */
  LIBMEMCACHED,
  /** {@code host:port} always: spymemcached's default ring names. */
  SPYMEMCACHED
}
