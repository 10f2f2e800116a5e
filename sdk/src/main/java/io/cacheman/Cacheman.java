package io.cacheman;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.ConfigLoader;
import io.cacheman.internal.Client;
import io.cacheman.internal.DefaultAsyncCache;
import io.cacheman.internal.DefaultCache;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens Cacheman clients.
 *
 * <pre>{@code
 * try (Cache<Object> cache = Cacheman.open()) {          // finds cacheman.properties
 *   cache.set("k", "v");
 * }
 * Cache<String> strings = Cacheman.builder()               // typed at build time
 *     .config(CachemanConfig.builder().nodes(List.of(NodeAddress.parse("127.0.0.1:16180"))).build())
 *     .transcoder(Transcoders.string())
 *     .build();
 * }</pre>
 *
 * <p>Unless a transcoder is chosen, values go through {@link Transcoders#objects}: {@code String},
 * {@code byte[]}, numbers and {@code Serializable} objects, compressed above the configured
 * threshold. A client returns at once: connections open in the background, and a node that is
 * down is simply retried (see the failover settings).
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
    return builder().build();
  }

  /**
   * A client configured from {@code configFile} (system properties {@code -Dcacheman.<key>=…}
   * still override it). The client checks the file every {@code cacheman.reload-interval} (2 s;
   * {@code 0s} turns this off) and applies a changed node list or routing at once, as
   * {@link CacheAdmin#reconfigure} does; a broken edit is logged at WARN with its file, line, key
   * and value, and the settings in force stay.
   *
   * @throws io.cacheman.config.ConfigException when the file is missing or a setting is invalid
   */
  public static Cache<Object> open(Path configFile) {
    return builder().configFile(configFile).build();
  }

  /** A client with settings built in code. */
  public static Cache<Object> open(CachemanConfig config) {
    return builder().config(config).build();
  }

  /** A builder of a client: where its settings come from, and its value type. */
  public static Builder<Object> builder() {
    return new Builder<>(null, null, null);
  }

  /**
   * Chooses a client's settings and value type. Immutable: each method returns a new builder.
   *
   * @param <V> the value type of the client it builds
   */
  public static final class Builder<V> {
    private final CachemanConfig config;
    private final Path file;
    private final Transcoder<V> transcoder;

    private Builder(CachemanConfig config, Path file, Transcoder<V> transcoder) {
      this.config = config;
      this.file = file;
      this.transcoder = transcoder;
    }

    /** Settings built in code (instead of a file). */
    public Builder<V> config(CachemanConfig settings) {
      return new Builder<>(Objects.requireNonNull(settings, "config"), null, transcoder);
    }

    /** Settings read from {@code configFile}, and re-read when it changes (see {@link Cacheman#open(Path)}). */
    public Builder<V> configFile(Path configFile) {
      return new Builder<>(null, Objects.requireNonNull(configFile, "configFile"), transcoder);
    }

    /** Values of type {@code T}, through {@code valueTranscoder}. */
    public <T> Builder<T> transcoder(Transcoder<T> valueTranscoder) {
      return new Builder<>(config, file, Objects.requireNonNull(valueTranscoder, "transcoder"));
    }

    /**
     * Opens the client, handed out as its blocking view, which owns it. Without {@link #config} or
     * {@link #configFile}, the settings come from {@code cacheman.properties}, found as
     * {@link Cacheman#open()} finds it.
     *
     * @throws io.cacheman.config.ConfigException when a settings file is missing or a setting is invalid
     */
    public Cache<V> build() {
      Client client = client();
      return DefaultCache.open(client, transcoder(client));
    }

    /** Opens the client as {@link #build()} does, handed out as its non-blocking view, which owns it. */
    public AsyncCache<V> buildAsync() {
      Client client = client();
      return DefaultAsyncCache.open(client, transcoder(client));
    }

    private Client client() {
      Path watched = file;
      CachemanConfig settings = config;
      if (settings == null) {
        if (watched == null) {
          Optional<Path> found = ConfigLoader.locate();
          watched = found.orElse(null);
        }
        settings = watched != null ? ConfigLoader.load(watched) : ConfigLoader.load();
      }
      return Client.open(settings, null, watched);
    }

    @SuppressWarnings("unchecked")
    private Transcoder<V> transcoder(Client client) {
      CachemanConfig settings = client.config();
      return transcoder != null ? transcoder
          : (Transcoder<V>) Transcoders.objects(settings.compressionThreshold(), settings.serializationFilter());
    }
  }
}
