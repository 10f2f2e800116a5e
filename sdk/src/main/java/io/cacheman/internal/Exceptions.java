package io.cacheman.internal;

import io.cacheman.CachemanException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns failures into what a caller of the blocking API should see. */
final class Exceptions {
  private Exceptions() {}

  /**
   * The same kind of failure, with the same message, but created on the calling thread, so its
   * stack trace shows the caller's code rather than the I/O thread that saw the failure (which
   * stays attached as the cause). Every {@link CachemanException} type has a (message, cause)
   * constructor.
   */
  static RuntimeException forCaller(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof Error error) {
      throw error;
    }
    if (!(cause instanceof CachemanException e)) {
      return cause instanceof RuntimeException r ? r : new CachemanException(String.valueOf(cause), cause);
    }
    try {
      return e.getClass().getConstructor(String.class, Throwable.class).newInstance(e.getMessage(), e);
    } catch (ReflectiveOperationException notOurs) {
      return new CachemanException(e.getMessage(), e);
    }
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
