package io.cacheman;

/** The base of every failure the client reports; the message says which node and operation. */
public class CachemanException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CachemanException(String message) {
    super(message);
  }

  public CachemanException(String message, Throwable cause) {
    super(message, cause);
  }
}
