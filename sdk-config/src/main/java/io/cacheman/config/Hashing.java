package io.cacheman.config;

/** How the client maps a key to a node. */
public enum Hashing {
  /** FNV-1a 32-bit hash of the key, modulo the number of nodes (libmemcached {@code fnv1a_32} + {@code modula}). */
  MODULO,
  /** The libmemcached/twemproxy-compatible ketama continuum (MD5, 160 points per node, weighted). */
  KETAMA
}
