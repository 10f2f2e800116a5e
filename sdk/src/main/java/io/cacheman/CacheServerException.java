package io.cacheman;

/** The server answered with an error line ({@code SERVER_ERROR …} or {@code CLIENT_ERROR …}), quoted in the message. */
public class CacheServerException extends CachemanException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public CacheServerException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public CacheServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
