package io.cacheman;

/** The node for this key is out of routing (its circuit breaker is open) or cannot be connected to. */
public class NodeUnavailableException extends CachemanException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public NodeUnavailableException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public NodeUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
