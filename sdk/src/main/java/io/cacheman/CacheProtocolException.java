package io.cacheman;

/** The server sent something the protocol does not allow here; the connection was dropped. */
public class CacheProtocolException extends CachemanException {
  private static final long serialVersionUID = 1L;

  public CacheProtocolException(String message) {
    super(message);
  }

  public CacheProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
