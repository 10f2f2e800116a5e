package io.cacheman.internal.connection;

/**
 * Hears a node's failures as events, one per incident however many requests it cost: a connection
 * that broke, could not be opened or sent garbage, or whose oldest request went unanswered past its
 * deadline (a stall). Requests that fail together because of one of these are not counted again.
 */
@FunctionalInterface
public interface FailureEvents {
  /** An incident on a connection to the node; {@code why} says what happened, for the log. */
  void failed(String why);
}
