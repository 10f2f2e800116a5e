package io.cacheman;

import io.cacheman.config.CachemanConfig;
import java.nio.file.Path;

/**
 * Opens Cacheman clients.
 *
 * <pre>{@code
 * try (Cache<Object> cache = Cacheman.open()) {   // finds cacheman.properties
 *   cache.set("k", "v");
 * }
 * }</pre>
 *
 * <p>The returned client's values go through {@link Transcoders#objects}: {@code String},
 * {@code byte[]} and {@code Serializable} objects, compressed above the configured threshold.
 */
public final class Cacheman {
  private Cacheman() {}

  /**
   * A client configured from {@code cacheman.properties}, found in this order: the system property
   * {@code cacheman.config}, the environment variable {@code CACHEMAN_CONFIG}, the classpath, the
   * working directory.
   *
   * @throws io.cacheman.config.ConfigException when no file is found or a setting is invalid
   */
  public static Cache<Object> open() {
    throw new UnsupportedOperationException("engine not yet wired");
  }

  /** A client configured from {@code configFile}. */
  public static Cache<Object> open(Path configFile) {
    throw new UnsupportedOperationException("engine not yet wired");
  }

  /** A client with settings built in code. */
  public static Cache<Object> open(CachemanConfig config) {
    throw new UnsupportedOperationException("engine not yet wired");
  }
}
