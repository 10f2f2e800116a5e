package io.cacheman;

/** The node for this key is out of routing (its circuit breaker is open) or cannot be connected to. */
public class NodeUnavailableException extends CachemanException {
  private static final long serialVersionUID = 1L;

  public NodeUnavailableException(String message) {
    super(message);
  }

  public NodeUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
