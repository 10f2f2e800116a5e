package io.cacheman.internal;

/** Lets tests in other packages look at engine internals that are package-private. */
public final class EngineProbe {
  private EngineProbe() {}

  /** The watcher of the client's settings file, or null when none runs. */
  public static Object watcherOf(Object client) {
    return Engine.of(client).watcher();
  }
}
