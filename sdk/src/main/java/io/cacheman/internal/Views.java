package io.cacheman.internal;

/** Finds the engine behind the client views this SDK hands out. */
final class Views {
  private Views() {}

  /** @throws IllegalArgumentException when {@code client} is not a view this SDK made */
  static Engine engineOf(Object client) {
    if (client instanceof DefaultCache<?> cache) {
      return cache.engine();
    }
    if (client instanceof DefaultAsyncCache<?> cache) {
      return cache.engine();
    }
    throw new IllegalArgumentException("not a client opened by io.cacheman.Cacheman: "
        + (client == null ? "null" : client.getClass().getName()));
  }
}
