package io.cacheman.server.internal.store;

/** The storage commands of the protocol. */
public enum StoreMode {
  SET, ADD, REPLACE, APPEND, PREPEND, CAS
}
