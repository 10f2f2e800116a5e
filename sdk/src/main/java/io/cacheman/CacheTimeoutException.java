package io.cacheman;

/** The operation did not complete within the operation timeout. */
public class CacheTimeoutException extends CachemanException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public CacheTimeoutException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public CacheTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
