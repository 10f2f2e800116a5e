package io.cacheman.internal.connection;

import io.cacheman.CacheConnectionException;
import io.cacheman.CacheTimeoutException;
import io.cacheman.CachemanException;

/**
 * Why a connection closed, and so what each request still pending on it fails with: a timeout
 * for requests due by {@code timeoutHorizon} when a timeout caused the close, a connection error
 * for everything else.
 */
record CloseReason(String message, Throwable cause, boolean timeout, long timeoutHorizon) {

  /** The connection broke, was refused, sent garbage, or the client closed it. */
  static CloseReason error(String message, Throwable cause) {
    return new CloseReason(message, cause, false, 0);
  }

  /** A request timed out; requests due by {@code horizon} ({@link System#nanoTime()}) count as timed out too. */
  static CloseReason timeout(long horizon) {
    return new CloseReason("an earlier request on this connection timed out", null, true, horizon);
  }

  CachemanException failureFor(Request request, String node) {
    if (timeout && timeoutHorizon - request.deadlineNanos() >= 0) {
      return new CacheTimeoutException(request.name() + " on " + node + " got no reply within the operation timeout");
    }
    return new CacheConnectionException(request.name() + " on " + node + ": " + message, cause);
  }
}
