package io.cacheman;

/** The operation did not complete within the operation timeout. */
public class CacheTimeoutException extends CachemanException {
  private static final long serialVersionUID = 1L;

  public CacheTimeoutException(String message) {
    super(message);
  }

  public CacheTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
