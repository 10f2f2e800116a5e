package io.cacheman;

/** A value could not be encoded or decoded: unknown flags, corrupt bytes, or a class the serialization filter rejects. */
public class CacheTranscodingException extends CachemanException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public CacheTranscodingException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public CacheTranscodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
