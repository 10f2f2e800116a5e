package io.cacheman.config;

/** Which memcached protocol the client speaks to its nodes ({@code cacheman.protocol}). */
public enum Protocol {
  /** The text protocol only: every memcached, twemproxy and mcrouter speaks it. The default. */
  TEXT,
  /**
   * memcached 1.6's meta commands for reads, writes and {@code getOrLoad}'s leases, on every node;
   * a node that does not speak them answers each with an error.
   */
  META,
  /** Meta where a node answers {@code mn}; text where it answers {@code ERROR} or closes the connection. */
  AUTO
}
