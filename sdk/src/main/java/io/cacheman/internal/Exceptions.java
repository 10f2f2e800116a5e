package io.cacheman.internal;

import io.cacheman.CacheConnectionException;
import io.cacheman.CacheOverloadedException;
import io.cacheman.CacheProtocolException;
import io.cacheman.CacheServerException;
import io.cacheman.CacheTimeoutException;
import io.cacheman.CacheTranscodingException;
import io.cacheman.CachemanException;
import io.cacheman.NodeUnavailableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns failures into what a caller of the blocking API should see. */
final class Exceptions {
  private Exceptions() {}

  /**
   * The same kind of failure, with the same message, but created on the calling thread, so its
   * stack trace shows the caller's code rather than the I/O thread that saw the failure (which
   * stays attached as the cause).
   */
  static RuntimeException forCaller(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (!(cause instanceof CachemanException e)) {
      if (cause instanceof RuntimeException r) {
        return r;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      return new CachemanException(String.valueOf(cause), cause);
    }
    String message = e.getMessage();
    if (e instanceof CacheTimeoutException) {
      return new CacheTimeoutException(message, e);
    } else if (e instanceof NodeUnavailableException) {
      return new NodeUnavailableException(message, e);
    } else if (e instanceof CacheOverloadedException) {
      return new CacheOverloadedException(message, e);
    } else if (e instanceof CacheConnectionException) {
      return new CacheConnectionException(message, e);
    } else if (e instanceof CacheServerException) {
      return new CacheServerException(message, e);
    } else if (e instanceof CacheProtocolException) {
      return new CacheProtocolException(message, e);
    } else if (e instanceof CacheTranscodingException) {
      return new CacheTranscodingException(message, e);
    }
    return new CachemanException(message, e);
  }

  /** The failure inside a future's wrapper exceptions. */
  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
