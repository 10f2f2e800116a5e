package io.cacheman.config;

/** What the client does with the keys of a node whose circuit breaker is open. */
public enum FailoverMode {
  /** Route the keys of an unavailable node to the next live node until it comes back. */
  REDISTRIBUTE,
  /** Fail operations on an unavailable node at once, without waiting for a timeout. */
  FAIL_FAST
}
