package io.cacheman;

/** A value could not be encoded or decoded: unknown flags, corrupt bytes, or a class the serialization filter rejects. */
public class CacheTranscodingException extends CachemanException {
  private static final long serialVersionUID = 1L;

  public CacheTranscodingException(String message) {
    super(message);
  }

  public CacheTranscodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
