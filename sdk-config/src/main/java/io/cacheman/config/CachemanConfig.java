package io.cacheman.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Immutable client settings. Build one in code with {@link #builder()}, or read one from
 * {@code cacheman.properties} with {@link ConfigLoader}; both go through the same validation.
 *
 * <pre>{@code
 * CachemanConfig config = CachemanConfig.builder()
 *     .nodes(NodeAddress.of("127.0.0.1", 16180), NodeAddress.of("127.0.0.1", 16181))
 *     .hashing(Hashing.KETAMA)
 *     .operationTimeout(Duration.ofMillis(250))
 *     .build();
 * }</pre>
 *
 * <p>Each accessor documents its default and the {@code cacheman.*} property that sets it.
 */
public final class CachemanConfig {
  private final List<NodeAddress> nodes;
  private final Hashing hashing;
  private final KetamaNodeNames ketamaNodeNames;
  private final int connectionsPerNode;
  private final Duration connectTimeout;
  private final Duration operationTimeout;
  private final int maxInFlightPerConnection;
  private final FailoverMode failoverMode;
  private final int failureThreshold;
  private final Duration retryInterval;
  private final int retryAttempts;
  private final Duration reconnectMinBackoff;
  private final Duration reconnectMaxBackoff;
  private final int compressionThreshold;
  private final LongKeyPolicy longKeys;
  private final String serializationFilter;
  private final Duration defaultTtl;

  private CachemanConfig(Builder b) {
    this.nodes = List.copyOf(b.nodes);
    this.hashing = b.hashing;
    this.ketamaNodeNames = b.ketamaNodeNames;
    this.connectionsPerNode = b.connectionsPerNode;
    this.connectTimeout = b.connectTimeout;
    this.operationTimeout = b.operationTimeout;
    this.maxInFlightPerConnection = b.maxInFlightPerConnection;
    this.failoverMode = b.failoverMode;
    this.failureThreshold = b.failureThreshold;
    this.retryInterval = b.retryInterval;
    this.retryAttempts = b.retryAttempts;
    this.reconnectMinBackoff = b.reconnectMinBackoff;
    this.reconnectMaxBackoff = b.reconnectMaxBackoff;
    this.compressionThreshold = b.compressionThreshold;
    this.longKeys = b.longKeys;
    this.serializationFilter = b.serializationFilter;
    this.defaultTtl = b.defaultTtl;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** {@code cacheman.nodes}: the nodes, in configured order. Required, never empty. */
  public List<NodeAddress> nodes() {
    return nodes;
  }

  /** {@code cacheman.hashing}: key-to-node mapping. Default {@link Hashing#MODULO}. */
  public Hashing hashing() {
    return hashing;
  }

  /** {@code cacheman.ketama.node-names}: ring names under ketama. Default {@link KetamaNodeNames#LIBMEMCACHED}. */
  public KetamaNodeNames ketamaNodeNames() {
    return ketamaNodeNames;
  }

  /** {@code cacheman.connections-per-node}: pipelined connections kept to each node. Default 2. */
  public int connectionsPerNode() {
    return connectionsPerNode;
  }

  /** {@code cacheman.connect-timeout}: how long opening a connection may take. Default 1s. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** {@code cacheman.operation-timeout}: deadline of one operation, retries included. Default 1s. */
  public Duration operationTimeout() {
    return operationTimeout;
  }

  /**
   * {@code cacheman.max-in-flight}: requests one connection may have written or queued and not yet
   * answered; past it a call fails at once as overloaded. Default 1024.
   */
  public int maxInFlightPerConnection() {
    return maxInFlightPerConnection;
  }

  /** {@code cacheman.failover.mode}: what happens to a dead node's keys. Default {@link FailoverMode#REDISTRIBUTE}. */
  public FailoverMode failoverMode() {
    return failoverMode;
  }

  /** {@code cacheman.failover.failure-threshold}: consecutive timeouts or connection errors that take a node out. Default 3. */
  public int failureThreshold() {
    return failureThreshold;
  }

  /** {@code cacheman.failover.retry-interval}: how long a node stays out before a probe may bring it back. Default 2s. */
  public Duration retryInterval() {
    return retryInterval;
  }

  /** {@code cacheman.retry.attempts}: extra attempts for operations that are safe to repeat. Default 1. */
  public int retryAttempts() {
    return retryAttempts;
  }

  /** {@code cacheman.reconnect.min-backoff}: first wait before reconnecting a dropped connection. Default 50ms. */
  public Duration reconnectMinBackoff() {
    return reconnectMinBackoff;
  }

  /** {@code cacheman.reconnect.max-backoff}: the longest wait between reconnect attempts. Default 5s. */
  public Duration reconnectMaxBackoff() {
    return reconnectMaxBackoff;
  }

  /** {@code cacheman.compression.threshold}: values of at least this many bytes are compressed; 0 turns it off. Default 16384. */
  public int compressionThreshold() {
    return compressionThreshold;
  }

  /** {@code cacheman.keys.too-long}: over-long key handling. Default {@link LongKeyPolicy#REJECT}. */
  public LongKeyPolicy longKeys() {
    return longKeys;
  }

  /**
   * {@code cacheman.serialization.filter}: the {@link java.io.ObjectInputFilter} pattern that decides
   * which classes a cached Java object may contain. Default {@code java.base/*;!*} (JDK types only).
   */
  public String serializationFilter() {
    return serializationFilter;
  }

  /** {@code cacheman.default-ttl}: time to live of a value stored without one; 0 = never expires. Default 0. */
  public Duration defaultTtl() {
    return defaultTtl;
  }

  @Override
  public String toString() {
    return "CachemanConfig{nodes=" + nodes + ", hashing=" + hashing + ", ketamaNodeNames=" + ketamaNodeNames
        + ", connectionsPerNode=" + connectionsPerNode + ", connectTimeout=" + connectTimeout
        + ", operationTimeout=" + operationTimeout + ", maxInFlightPerConnection=" + maxInFlightPerConnection
        + ", failoverMode=" + failoverMode + ", failureThreshold=" + failureThreshold
        + ", retryInterval=" + retryInterval + ", retryAttempts=" + retryAttempts
        + ", reconnectBackoff=" + reconnectMinBackoff + ".." + reconnectMaxBackoff
        + ", compressionThreshold=" + compressionThreshold + ", longKeys=" + longKeys
        + ", serializationFilter=" + serializationFilter + ", defaultTtl=" + defaultTtl + "}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CachemanConfig && toString().equals(o.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  /** Collects settings; {@link #build()} validates them all at once. Not thread-safe. */
  public static final class Builder {
    private List<NodeAddress> nodes = new ArrayList<>();
    private Hashing hashing = Hashing.MODULO;
    private KetamaNodeNames ketamaNodeNames = KetamaNodeNames.LIBMEMCACHED;
    private int connectionsPerNode = 2;
    private Duration connectTimeout = Duration.ofSeconds(1);
    private Duration operationTimeout = Duration.ofSeconds(1);
    private int maxInFlightPerConnection = 1024;
    private FailoverMode failoverMode = FailoverMode.REDISTRIBUTE;
    private int failureThreshold = 3;
    private Duration retryInterval = Duration.ofSeconds(2);
    private int retryAttempts = 1;
    private Duration reconnectMinBackoff = Duration.ofMillis(50);
    private Duration reconnectMaxBackoff = Duration.ofSeconds(5);
    private int compressionThreshold = 16384;
    private LongKeyPolicy longKeys = LongKeyPolicy.REJECT;
    private String serializationFilter = "java.base/*;!*";
    private Duration defaultTtl = Duration.ZERO;

    private Builder() {}

    private Builder(CachemanConfig c) {
      nodes = new ArrayList<>(c.nodes);
      hashing = c.hashing;
      ketamaNodeNames = c.ketamaNodeNames;
      connectionsPerNode = c.connectionsPerNode;
      connectTimeout = c.connectTimeout;
      operationTimeout = c.operationTimeout;
      maxInFlightPerConnection = c.maxInFlightPerConnection;
      failoverMode = c.failoverMode;
      failureThreshold = c.failureThreshold;
      retryInterval = c.retryInterval;
      retryAttempts = c.retryAttempts;
      reconnectMinBackoff = c.reconnectMinBackoff;
      reconnectMaxBackoff = c.reconnectMaxBackoff;
      compressionThreshold = c.compressionThreshold;
      longKeys = c.longKeys;
      serializationFilter = c.serializationFilter;
      defaultTtl = c.defaultTtl;
    }

    public Builder nodes(List<NodeAddress> nodes) {
      this.nodes = new ArrayList<>(nodes);
      return this;
    }

    public Builder nodes(NodeAddress... nodes) {
      return nodes(List.of(nodes));
    }

    public Builder hashing(Hashing hashing) {
      this.hashing = Objects.requireNonNull(hashing, "hashing");
      return this;
    }

    public Builder ketamaNodeNames(KetamaNodeNames names) {
      this.ketamaNodeNames = Objects.requireNonNull(names, "ketamaNodeNames");
      return this;
    }

    public Builder connectionsPerNode(int n) {
      this.connectionsPerNode = n;
      return this;
    }

    public Builder connectTimeout(Duration d) {
      this.connectTimeout = Objects.requireNonNull(d, "connectTimeout");
      return this;
    }

    public Builder operationTimeout(Duration d) {
      this.operationTimeout = Objects.requireNonNull(d, "operationTimeout");
      return this;
    }

    public Builder maxInFlightPerConnection(int n) {
      this.maxInFlightPerConnection = n;
      return this;
    }

    public Builder failoverMode(FailoverMode mode) {
      this.failoverMode = Objects.requireNonNull(mode, "failoverMode");
      return this;
    }

    public Builder failureThreshold(int n) {
      this.failureThreshold = n;
      return this;
    }

    public Builder retryInterval(Duration d) {
      this.retryInterval = Objects.requireNonNull(d, "retryInterval");
      return this;
    }

    public Builder retryAttempts(int n) {
      this.retryAttempts = n;
      return this;
    }

    public Builder reconnectBackoff(Duration min, Duration max) {
      this.reconnectMinBackoff = Objects.requireNonNull(min, "reconnectMinBackoff");
      this.reconnectMaxBackoff = Objects.requireNonNull(max, "reconnectMaxBackoff");
      return this;
    }

    public Builder compressionThreshold(int bytes) {
      this.compressionThreshold = bytes;
      return this;
    }

    public Builder longKeys(LongKeyPolicy policy) {
      this.longKeys = Objects.requireNonNull(policy, "longKeys");
      return this;
    }

    public Builder serializationFilter(String pattern) {
      this.serializationFilter = Objects.requireNonNull(pattern, "serializationFilter");
      return this;
    }

    public Builder defaultTtl(Duration d) {
      this.defaultTtl = Objects.requireNonNull(d, "defaultTtl");
      return this;
    }

    /**
     * Validates every setting and returns the immutable config.
     *
     * @throws IllegalArgumentException naming the first setting that is out of range
     */
    public CachemanConfig build() {
      require(!nodes.isEmpty(), "nodes must not be empty");
      require(nodes.stream().map(NodeAddress::id).distinct().count() == nodes.size(),
          "nodes must not repeat: " + nodes);
      require(connectionsPerNode >= 1 && connectionsPerNode <= 64, "connectionsPerNode must be 1..64, was " + connectionsPerNode);
      requirePositive(connectTimeout, "connectTimeout");
      requirePositive(operationTimeout, "operationTimeout");
      require(maxInFlightPerConnection >= 1, "maxInFlightPerConnection must be at least 1, was " + maxInFlightPerConnection);
      require(failureThreshold >= 1, "failureThreshold must be at least 1, was " + failureThreshold);
      requirePositive(retryInterval, "retryInterval");
      require(retryAttempts >= 0 && retryAttempts <= 10, "retryAttempts must be 0..10, was " + retryAttempts);
      requirePositive(reconnectMinBackoff, "reconnectMinBackoff");
      require(reconnectMaxBackoff.compareTo(reconnectMinBackoff) >= 0,
          "reconnectMaxBackoff must not be below reconnectMinBackoff (" + reconnectMinBackoff + "), was " + reconnectMaxBackoff);
      require(compressionThreshold >= 0, "compressionThreshold must not be negative, was " + compressionThreshold);
      require(!defaultTtl.isNegative(), "defaultTtl must not be negative, was " + defaultTtl);
      require(!serializationFilter.isBlank(), "serializationFilter must not be blank");
      return new CachemanConfig(this);
    }

    private static void requirePositive(Duration d, String name) {
      require(!d.isNegative() && !d.isZero(), name + " must be positive, was " + d);
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
