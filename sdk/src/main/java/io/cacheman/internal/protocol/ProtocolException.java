package io.cacheman.internal.protocol;

import java.io.IOException;

/**
 * The server sent bytes the protocol does not allow at this point of the reply stream. The
 * connection that received them is out of step with its requests and must be closed; the message
 * quotes what was received.
 */
public final class ProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A protocol violation described by {@code message} (which quotes the bytes received). */
  public ProtocolException(String message) {
    super(message);
  }
}
