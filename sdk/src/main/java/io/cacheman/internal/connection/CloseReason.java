package io.cacheman.internal.connection;

import io.cacheman.CacheConnectionException;
import io.cacheman.CachemanException;
import java.io.IOException;
import javax.net.ssl.SSLException;

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

  private static final String NO_REPLY_YET = " before any reply (does it want TLS?)";

  /**
   * The server closed the connection. {@code unanswered}: the client's first connection of its slot
   * closed before any reply, as a node that wants TLS closes a plaintext one (a reconnect to a node
   * going down looks the same, which is why only the first gets the hint).
   */
  static CloseReason endOfStream(boolean unanswered) {
    return error("connection closed by the server" + (unanswered ? NO_REPLY_YET : ""), null);
  }

  /** Reading or writing failed; a TLS failure (a node refusing the client's certificate) is said plainly. */
  static CloseReason broken(IOException e, String node, boolean unanswered) {
    String why = e instanceof SSLException ? ConnectFailures.describe(e, node)
        : "connection broke: " + e.getMessage() + (unanswered ? NO_REPLY_YET : "");
    return error(why, e);
  }

  /** The client closes it: on close, after a drain, or once a stall was counted already. */
  static CloseReason quiet(String message) {
    return new CloseReason(message, null, false);
  }

  CachemanException failureFor(Request request, String node) {
    return new CacheConnectionException(request.name() + " on " + node + ": " + message, cause);
  }
}
