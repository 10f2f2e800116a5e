package io.cacheman.internal.connection;

import io.cacheman.CacheConnectionException;
import io.cacheman.CachemanException;

/**
 * Why a connection closed: what each request still pending on it fails with, and whether the
 * close is the node's failure (it broke, refused, sent garbage) or the client's own doing (closed,
 * drained, replaced after a stall already counted).
 */
record CloseReason(String message, Throwable cause, boolean nodeFailed) {

  /** The connection broke, was refused or sent garbage: a failure of the node. */
  static CloseReason error(String message, Throwable cause) {
    return new CloseReason(message, cause, true);
  }

  /** The client closes it: on close, after a drain, or once a stall was counted already. */
  static CloseReason quiet(String message) {
    return new CloseReason(message, null, false);
  }

  CachemanException failureFor(Request request, String node) {
    return new CacheConnectionException(request.name() + " on " + node + ": " + message, cause);
  }
}
