package io.cacheman;

/** The server answered with an error line ({@code SERVER_ERROR …} or {@code CLIENT_ERROR …}), quoted in the message. */
public class CacheServerException extends CachemanException {
  private static final long serialVersionUID = 1L;

  public CacheServerException(String message) {
    super(message);
  }

  public CacheServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
