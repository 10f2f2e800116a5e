package io.cacheman;

/** The base of every failure the client reports; the message says which node and operation. */
public class CachemanException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  /** A failure described by {@code message}. */
  public CachemanException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  /** A failure described by {@code message}, caused by {@code cause}. */
  public CachemanException(String message, Throwable cause) {
    super(message, cause);
  }
}
