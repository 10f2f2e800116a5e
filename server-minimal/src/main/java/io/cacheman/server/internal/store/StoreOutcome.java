package io.cacheman.server.internal.store;

/** Result of a storage or arithmetic command, named after the reply line it produces. */
public enum StoreOutcome {
  STORED, NOT_STORED, EXISTS, NOT_FOUND, NON_NUMERIC, NO_MEMORY, OK
}
