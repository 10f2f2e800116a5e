package io.cacheman;

import io.cacheman.config.CachemanConfig;
import io.cacheman.internal.DefaultCache;
import io.cacheman.internal.Engine;
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

  /**
   * A client with settings built in code. Returns at once: connections open in the background,
   * and a node that is down is simply retried (see the failover settings).
   */
  public static Cache<Object> open(CachemanConfig config) {
    return DefaultCache.open(Engine.open(config), new StandInTranscoder());
  }

  /** Throwaway stand-in for Transcoders.objects (String and byte[] only) until it lands on main. */
  private static final class StandInTranscoder implements Transcoder<Object> {
    @Override
    public CachedData encode(Object value) {
      if (value instanceof byte[] bytes) {
        return new CachedData(1, bytes);
      }
      if (value instanceof String text) {
        return new CachedData(0, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      throw new CacheTranscodingException("stand-in transcoder: only String and byte[]");
    }

    @Override
    public Object decode(CachedData data) {
      return data.flags() == 1 ? data.data() : new String(data.data(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
