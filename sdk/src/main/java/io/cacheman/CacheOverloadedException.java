package io.cacheman;

/** Too many requests are in flight on the node's connections; the call was rejected at once, not queued. */
public class CacheOverloadedException extends CachemanException {
  private static final long serialVersionUID = 1L;

  public CacheOverloadedException(String message) {
    super(message);
  }

  public CacheOverloadedException(String message, Throwable cause) {
    super(message, cause);
  }
}
