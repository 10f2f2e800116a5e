package io.cacheman.reliability.proxy;

/** Which way bytes flow through a {@link FaultProxy} connection. */
public enum Direction {
  /** From the client to the node: requests. */
  UPSTREAM,
  /** From the node to the client: replies. */
  DOWNSTREAM
}
