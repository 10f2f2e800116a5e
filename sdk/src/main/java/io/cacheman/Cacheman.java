package io.cacheman;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.ConfigLoader;
import io.cacheman.internal.DefaultCache;
import io.cacheman.internal.Engine;
import java.nio.file.Path;
import java.util.Optional;

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
   * working directory. A file found outside the classpath is watched: see {@link #open(Path)}.
   *
   * @throws io.cacheman.config.ConfigException when no file is found or a setting is invalid
   */
  public static Cache<Object> open() {
    Optional<Path> file = ConfigLoader.locate();
    return file.isPresent() ? open(file.get()) : open(ConfigLoader.load());
  }

  /**
   * A client configured from {@code configFile} (system properties {@code -Dcacheman.<key>=…}
   * still override it). The client checks the file every {@code cacheman.reload-interval} (2 s;
   * {@code 0s} turns this off) and applies a changed node list or routing at once, as
   * {@link Cache#reconfigure} does; a broken edit is logged at WARN with its file, line, key and
   * value, and the settings in force stay.
   *
   * @throws io.cacheman.config.ConfigException when the file is missing or a setting is invalid
   */
  public static Cache<Object> open(Path configFile) {
    CachemanConfig config = ConfigLoader.load(configFile);
    Engine engine = Engine.open(config);
    engine.watch(configFile);
    return DefaultCache.open(engine, Transcoders.objects(config.compressionThreshold(), config.serializationFilter()));
  }

  /**
   * A client with settings built in code. Returns at once: connections open in the background,
   * and a node that is down is simply retried (see the failover settings).
   */
  public static Cache<Object> open(CachemanConfig config) {
    return DefaultCache.open(Engine.open(config),
        Transcoders.objects(config.compressionThreshold(), config.serializationFilter()));
  }
}
