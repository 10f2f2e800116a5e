package io.cacheman;

/** The connection carrying the request broke (reset, closed or cut mid-reply) before the reply arrived. */
public class CacheConnectionException extends CachemanException {
  private static final long serialVersionUID = 1L;

  public CacheConnectionException(String message) {
    super(message);
  }

  public CacheConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
