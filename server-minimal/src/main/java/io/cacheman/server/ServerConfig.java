package io.cacheman.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Settings of one cache node. Immutable; create one with {@link #builder()}, which checks every
 * value when {@link Builder#build()} is called.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder().port(0).memoryLimitBytes(64L << 20).build();
 * assertEquals(Eviction.LRU, config.eviction());
 * }</pre>
 */
public final class ServerConfig {
  /** Default TCP port. */
  public static final int DEFAULT_PORT = 16180;
  /** Default listen address: loopback only; listening on all interfaces is an explicit choice. */
  public static final String DEFAULT_LISTEN_ADDRESS = "127.0.0.1";
  /** Default memory limit for stored items: 100 MiB. */
  public static final long DEFAULT_MEMORY_LIMIT_BYTES = 100L << 20;
  /** Default limit of simultaneous client connections. */
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;
  /** Default largest item (key, value and header, counted as memcached counts it): 1 MiB. */
  public static final int DEFAULT_MAX_ITEM_SIZE = 1 << 20;

  static final long MIN_MEMORY_LIMIT_BYTES = 1L << 20;
  /** Most memory the slab pages can address (64 GiB). */
  static final long MAX_MEMORY_LIMIT_BYTES = 1L << 36;
  static final int MIN_ITEM_SIZE = 1 << 10;
  static final int MAX_ITEM_SIZE = 1 << 30;
  static final int MAX_THREADS = 256;

  private final int port;
  private final String listenAddress;
  private final long memoryLimitBytes;
  private final int maxConnections;
  private final int threads;
  private final int maxItemSize;
  private final Eviction eviction;
  private final Clock clock;
  private final TlsSettings tls;
  private final Path authFile;

  private ServerConfig(Builder b) {
    this.port = b.port;
    this.listenAddress = b.listenAddress;
    this.memoryLimitBytes = b.memoryLimitBytes;
    this.maxConnections = b.maxConnections;
    this.threads = b.threads;
    this.maxItemSize = b.maxItemSize;
    this.eviction = b.eviction;
    this.clock = b.clock;
    this.tls = b.tls;
    this.authFile = b.authFile;
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.port = port;
    b.listenAddress = listenAddress;
    b.memoryLimitBytes = memoryLimitBytes;
    b.maxConnections = maxConnections;
    b.threads = threads;
    b.maxItemSize = maxItemSize;
    b.eviction = eviction;
    b.clock = clock;
    b.tls = tls;
    b.authFile = authFile;
    return b;
  }

  /** TCP port to listen on; 0 picks a free ephemeral port. */
  public int port() {
    return port;
  }

  /** Address (host name or literal) to listen on. */
  public String listenAddress() {
    return listenAddress;
  }

  /** Bytes of items (keys, values and per-item overhead) the node may hold. */
  public long memoryLimitBytes() {
    return memoryLimitBytes;
  }

  /** Client connections served at once; further connections are refused. */
  public int maxConnections() {
    return maxConnections;
  }

  /** Number of network event loops (threads). */
  public int threads() {
    return threads;
  }

  /** Largest item accepted, in bytes, counted as memcached counts it (see docs/server.md). */
  public int maxItemSize() {
    return maxItemSize;
  }

  /** What to do when memory is full. */
  public Eviction eviction() {
    return eviction;
  }

  /** Source of the current time, for expiry, deadlines and stats. */
  public Clock clock() {
    return clock;
  }

  /** TLS on every connection ({@code -Z}), or null for plaintext. */
  public TlsSettings tls() {
    return tls;
  }

  /** memcached's ASCII authentication file ({@code -Y}), or null when clients need none. */
  public Path authFile() {
    return authFile;
  }

  @Override
  public String toString() {
    return "port=" + port + ", listen=" + listenAddress + ", memory-limit=" + memoryLimitBytes
        + " bytes, max-connections=" + maxConnections + ", threads=" + threads
        + ", max-item-size=" + maxItemSize + " bytes, eviction=" + eviction.name().toLowerCase()
        + (tls == null ? "" : ", tls=on (verify mode " + tls.verifyMode() + ", minimum "
            + tls.minVersionName() + ")") + (authFile == null ? "" : ", auth=on");
  }

  /** Collects settings for a {@link ServerConfig}; not thread-safe. */
  public static final class Builder {
    private int port = DEFAULT_PORT;
    private String listenAddress = DEFAULT_LISTEN_ADDRESS;
    private long memoryLimitBytes = DEFAULT_MEMORY_LIMIT_BYTES;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int maxItemSize = DEFAULT_MAX_ITEM_SIZE;
    private Eviction eviction = Eviction.LRU;
    private Clock clock = Clock.systemUTC();
    private TlsSettings tls;
    private Path authFile;

    private Builder() {}

    /** TCP port, 0..65535; 0 picks a free ephemeral port. Default {@value #DEFAULT_PORT}. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Address to listen on. Default {@value #DEFAULT_LISTEN_ADDRESS}. */
    public Builder listenAddress(String listenAddress) {
      this.listenAddress = Objects.requireNonNull(listenAddress, "listenAddress");
      return this;
    }

    /** Memory limit for items (their slab pages) in bytes, 1 MiB to 64 GiB. Default 100 MiB. */
    public Builder memoryLimitBytes(long memoryLimitBytes) {
      this.memoryLimitBytes = memoryLimitBytes;
      return this;
    }

    /** Maximum simultaneous client connections, at least 1. Default 1024. */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /** Number of event loop threads, 1..256. Default: the number of available processors. */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /** Largest item in bytes, 1 KiB..1 GiB and at most half the memory limit. Default 1 MiB. */
    public Builder maxItemSize(int maxItemSize) {
      this.maxItemSize = maxItemSize;
      return this;
    }

    /** Eviction policy. Default {@link Eviction#LRU}. */
    public Builder eviction(Eviction eviction) {
      this.eviction = Objects.requireNonNull(eviction, "eviction");
      return this;
    }

    /**
     * Clock used for item expiry, connection deadlines and stats. Tests pass a clock they move by
     * hand so nothing has to sleep. Default {@link Clock#systemUTC()}.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** TLS on every connection, as memcached's {@code -Z}; null (the default) for plaintext. */
    public Builder tls(TlsSettings tls) {
      this.tls = tls;
      return this;
    }

    /**
     * memcached's {@code -Y}: clients must first send {@code set <any key> 0 0 <n>} with data
     * {@code <user> <password>} matching a line of this file; null (the default) for none.
     */
    public Builder authFile(Path authFile) {
      this.authFile = authFile;
      return this;
    }

    /**
     * Checks every value and returns the configuration.
     *
     * @throws IllegalArgumentException naming the first value out of range
     */
    public ServerConfig build() {
      require(port >= 0 && port <= 65535, "port must be between 0 and 65535, got " + port);
      require(!listenAddress.isBlank(), "listen address must not be empty");
      require(memoryLimitBytes >= MIN_MEMORY_LIMIT_BYTES
          && memoryLimitBytes <= MAX_MEMORY_LIMIT_BYTES, "memory limit must be between 1 MiB "
          + "and 64 GiB (65536 MB), got " + memoryLimitBytes + " bytes");
      require(maxConnections >= 1, "max connections must be at least 1, got " + maxConnections);
      require(threads >= 1 && threads <= MAX_THREADS,
          "threads must be between 1 and " + MAX_THREADS + ", got " + threads);
      require(maxItemSize >= MIN_ITEM_SIZE && maxItemSize <= MAX_ITEM_SIZE,
          "max item size must be between 1k and 1024m, got " + maxItemSize + " bytes");
      require(maxItemSize <= memoryLimitBytes / 2, "max item size (" + maxItemSize
          + " bytes) must be at most half the memory limit (" + memoryLimitBytes + " bytes)");
      return new ServerConfig(this);
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
