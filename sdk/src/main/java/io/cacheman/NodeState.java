package io.cacheman;

/** Where a node stands in the client's routing, as its circuit breaker sees it. */
public enum NodeState {
  /** In routing: requests go to it. */
  UP,
  /** Out of routing after too many failures; waiting for the retry interval to pass. */
  OUT,
  /** A probe is testing whether it may come back. */
  PROBING
}
