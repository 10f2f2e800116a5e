package io.cacheman.config;

import io.cacheman.config.internal.KeyCatalog;
import io.cacheman.config.internal.NodeListSyntax;
import io.cacheman.config.internal.ValueSyntax;
import java.io.ObjectInputFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

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
  private final Duration gutterTtl;
  private final int retryAttempts;
  private final Duration reconnectMinBackoff;
  private final Duration reconnectMaxBackoff;
  private final int compressionThreshold;
  private final LongKeyPolicy longKeys;
  private final String serializationFilter;
  private final Duration defaultTtl;
  private final Duration reloadInterval;
  private final int maxValueSize;
  private final OnReturn onReturn;
  private final int returnLogSize;
  private final Discovery discovery;
  private final Duration discoveryInterval;
  private final TlsConfig tls;
  private final AuthConfig auth;
  private final Protocol protocol;
  private final Duration loadLease;
  private final Duration invalidateGrace;

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
    this.gutterTtl = b.gutterTtl;
    this.retryAttempts = b.retryAttempts;
    this.reconnectMinBackoff = b.reconnectMinBackoff;
    this.reconnectMaxBackoff = b.reconnectMaxBackoff;
    this.compressionThreshold = b.compressionThreshold;
    this.longKeys = b.longKeys;
    this.serializationFilter = b.serializationFilter;
    this.defaultTtl = b.defaultTtl;
    this.reloadInterval = b.reloadInterval;
    this.maxValueSize = b.maxValueSize;
    this.onReturn = b.onReturn;
    this.returnLogSize = b.returnLogSize;
    this.discovery = b.discovery;
    this.discoveryInterval = b.discoveryInterval;
    this.tls = b.builtTls;
    this.auth = b.builtAuth;
    this.protocol = b.protocol;
    this.loadLease = b.loadLease;
    this.invalidateGrace = b.invalidateGrace;
  }

  /** A builder holding the defaults; {@link Builder#nodes} is the one setting without a default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * {@code cacheman.nodes}: the nodes, in configured order. Required and never empty, unless
   * {@link #discovery()} names a DNS record that lists them: then empty until a client has looked it
   * up, and in a running client's {@code config()} the nodes of its last good lookup.
   */
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
   * answered. Past it on every connection of the node, an async call fails at once as overloaded and a
   * blocking call waits for a slot within its operation timeout. Default 1024.
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

  /**
   * {@code cacheman.failover.gutter-ttl}: the longest time to live of a value written to another
   * node while its own node is out of routing, so copies made during a failover cannot outlive it
   * by much; {@link Duration#ZERO} keeps the caller's TTL. Default 10s.
   */
  public Duration gutterTtl() {
    return gutterTtl;
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

  /**
   * {@code cacheman.reload-interval}: how often a client opened from a file ({@code Cacheman.open()}
   * or {@code Cacheman.open(Path)}) checks the file and applies a changed node list without a
   * restart; {@link Duration#ZERO} = never. Default 2s.
   */
  public Duration reloadInterval() {
    return reloadInterval;
  }

  /**
   * {@code cacheman.max-value-size}: the largest value, in bytes, the client accepts from a node
   * or inflates from a compressed one; a larger one fails its call. Default 1 MiB (memcached's
   * item size limit).
   */
  public int maxValueSize() {
    return maxValueSize;
  }

  /**
   * {@code cacheman.failover.on-return}: what to do before a node returns when its log of keys
   * written elsewhere overflowed. Default {@link OnReturn#FLUSH}.
   */
  public OnReturn onReturn() {
    return onReturn;
  }

  /**
   * {@code cacheman.failover.return-log-size}: how many keys written elsewhere, per node out of
   * routing, the client remembers to delete on that node before it returns. Default 10,000.
   */
  public int returnLogSize() {
    return returnLogSize;
  }

  /**
   * {@code cacheman.nodes = dns:HOST:PORT} or {@code dns+srv:NAME}: the DNS record the client looks
   * up for its node list, or empty when the nodes are listed.
   */
  public Optional<Discovery> discovery() {
    return Optional.ofNullable(discovery);
  }

  /** {@code cacheman.discovery.interval}: how often {@link #discovery()} is looked up again. Default 10s. */
  public Duration discoveryInterval() {
    return discoveryInterval;
  }

  /** {@code cacheman.tls.*}: how connections speak TLS. Default {@link TlsConfig#disabled()}. */
  public TlsConfig tls() {
    return tls;
  }

  /** {@code cacheman.auth.*}: the credentials each connection presents first, or empty for none (the default). */
  public Optional<AuthConfig> auth() {
    return Optional.ofNullable(auth);
  }

  /** {@code cacheman.protocol}: text, meta, or meta where a node speaks it. Default {@link Protocol#TEXT}. */
  public Protocol protocol() {
    return protocol;
  }

  /**
   * {@code cacheman.load.lease}: with the meta protocol, how long the one caller in the fleet that
   * won the right to load a missing key holds it; if it neither stores a value nor fails in that
   * time (its process died), the next caller wins. Whole seconds, at least 2 (memcached's clock
   * ticks once a second, so a lease of N seconds lasts N-1 to N). Default 3s.
   */
  public Duration loadLease() {
    return loadLease;
  }

  /**
   * {@code cacheman.invalidate.grace}: with the meta protocol, how long {@code invalidate} lets a
   * value be served as stale while one caller reloads it. Whole seconds. Default 30s.
   */
  public Duration invalidateGrace() {
    return invalidateGrace;
  }

  @Override
  public String toString() {
    return "CachemanConfig{nodes=" + nodes + ", hashing=" + hashing + ", ketamaNodeNames=" + ketamaNodeNames
        + ", connectionsPerNode=" + connectionsPerNode + ", connectTimeout=" + connectTimeout
        + ", operationTimeout=" + operationTimeout + ", maxInFlightPerConnection=" + maxInFlightPerConnection
        + ", failoverMode=" + failoverMode + ", failureThreshold=" + failureThreshold
        + ", retryInterval=" + retryInterval + ", gutterTtl=" + gutterTtl + ", retryAttempts=" + retryAttempts
        + ", reconnectBackoff=" + reconnectMinBackoff + ".." + reconnectMaxBackoff
        + ", compressionThreshold=" + compressionThreshold + ", longKeys=" + longKeys
        + ", serializationFilter=" + serializationFilter + ", defaultTtl=" + defaultTtl
        + ", reloadInterval=" + reloadInterval + ", maxValueSize=" + maxValueSize + ", onReturn=" + onReturn
        + ", returnLogSize=" + returnLogSize + ", discovery=" + discovery + ", discoveryInterval="
        + discoveryInterval + ", tls=" + tls + ", auth=" + auth + ", protocol=" + protocol
        + ", loadLease=" + loadLease + ", invalidateGrace=" + invalidateGrace + "}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CachemanConfig && toString().equals(o.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  /**
   * Collects settings; {@link #build()} validates them all at once. Starts from the defaults
   * documented on each accessor of {@link CachemanConfig}. Not thread-safe.
   */
  public static final class Builder {
    private List<NodeAddress> nodes = new ArrayList<>();
    private Hashing hashing = KeyCatalog.DEFAULT_HASHING;
    private KetamaNodeNames ketamaNodeNames = KeyCatalog.DEFAULT_KETAMA_NODE_NAMES;
    private int connectionsPerNode = KeyCatalog.DEFAULT_CONNECTIONS_PER_NODE;
    private Duration connectTimeout = KeyCatalog.DEFAULT_CONNECT_TIMEOUT;
    private Duration operationTimeout = KeyCatalog.DEFAULT_OPERATION_TIMEOUT;
    private int maxInFlightPerConnection = KeyCatalog.DEFAULT_MAX_IN_FLIGHT;
    private FailoverMode failoverMode = KeyCatalog.DEFAULT_FAILOVER_MODE;
    private int failureThreshold = KeyCatalog.DEFAULT_FAILURE_THRESHOLD;
    private Duration retryInterval = KeyCatalog.DEFAULT_RETRY_INTERVAL;
    private Duration gutterTtl = KeyCatalog.DEFAULT_GUTTER_TTL;
    private int retryAttempts = KeyCatalog.DEFAULT_RETRY_ATTEMPTS;
    private Duration reconnectMinBackoff = KeyCatalog.DEFAULT_RECONNECT_MIN_BACKOFF;
    private Duration reconnectMaxBackoff = KeyCatalog.DEFAULT_RECONNECT_MAX_BACKOFF;
    private int compressionThreshold = KeyCatalog.DEFAULT_COMPRESSION_THRESHOLD;
    private LongKeyPolicy longKeys = KeyCatalog.DEFAULT_LONG_KEYS;
    private String serializationFilter = KeyCatalog.DEFAULT_SERIALIZATION_FILTER;
    private Duration defaultTtl = KeyCatalog.DEFAULT_TTL_VALUE;
    private Duration reloadInterval = KeyCatalog.DEFAULT_RELOAD_INTERVAL;
    private int maxValueSize = KeyCatalog.DEFAULT_MAX_VALUE_SIZE;
    private OnReturn onReturn = KeyCatalog.DEFAULT_ON_RETURN;
    private int returnLogSize = KeyCatalog.DEFAULT_RETURN_LOG_SIZE;
    private Discovery discovery;
    private Duration discoveryInterval = KeyCatalog.DEFAULT_DISCOVERY_INTERVAL;
    private TlsConfig.Builder tls = TlsConfig.builder();
    private AuthConfig.Builder auth = AuthConfig.builder();
    private TlsConfig builtTls;
    private Protocol protocol = KeyCatalog.DEFAULT_PROTOCOL;
    private Duration loadLease = KeyCatalog.DEFAULT_LOAD_LEASE;
    private Duration invalidateGrace = KeyCatalog.DEFAULT_INVALIDATE_GRACE;
    private AuthConfig builtAuth;

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
      gutterTtl = c.gutterTtl;
      retryAttempts = c.retryAttempts;
      reconnectMinBackoff = c.reconnectMinBackoff;
      reconnectMaxBackoff = c.reconnectMaxBackoff;
      compressionThreshold = c.compressionThreshold;
      longKeys = c.longKeys;
      serializationFilter = c.serializationFilter;
      defaultTtl = c.defaultTtl;
      reloadInterval = c.reloadInterval;
      maxValueSize = c.maxValueSize;
      onReturn = c.onReturn;
      returnLogSize = c.returnLogSize;
      discovery = c.discovery;
      discoveryInterval = c.discoveryInterval;
      tls = c.tls.toBuilder();
      protocol = c.protocol;
      loadLease = c.loadLease;
      invalidateGrace = c.invalidateGrace;
      auth = c.auth == null ? AuthConfig.builder() : c.auth.toBuilder();
    }

    /** Sets {@link CachemanConfig#nodes()}. */
    public Builder nodes(List<NodeAddress> nodes) {
      this.nodes = new ArrayList<>(nodes);
      return this;
    }

    /** Sets {@link CachemanConfig#nodes()}. */
    public Builder nodes(NodeAddress... nodes) {
      return nodes(List.of(nodes));
    }

    /** Sets {@link CachemanConfig#hashing()}. */
    public Builder hashing(Hashing hashing) {
      this.hashing = Objects.requireNonNull(hashing, "hashing");
      return this;
    }

    /** Sets {@link CachemanConfig#ketamaNodeNames()}. */
    public Builder ketamaNodeNames(KetamaNodeNames names) {
      this.ketamaNodeNames = Objects.requireNonNull(names, "ketamaNodeNames");
      return this;
    }

    /** Sets {@link CachemanConfig#connectionsPerNode()}. */
    public Builder connectionsPerNode(int n) {
      this.connectionsPerNode = n;
      return this;
    }

    /** Sets {@link CachemanConfig#connectTimeout()}. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = Objects.requireNonNull(d, "connectTimeout");
      return this;
    }

    /** Sets {@link CachemanConfig#operationTimeout()}. */
    public Builder operationTimeout(Duration d) {
      this.operationTimeout = Objects.requireNonNull(d, "operationTimeout");
      return this;
    }

    /** Sets {@link CachemanConfig#maxInFlightPerConnection()}. */
    public Builder maxInFlightPerConnection(int n) {
      this.maxInFlightPerConnection = n;
      return this;
    }

    /** Sets {@link CachemanConfig#failoverMode()}. */
    public Builder failoverMode(FailoverMode mode) {
      this.failoverMode = Objects.requireNonNull(mode, "failoverMode");
      return this;
    }

    /** Sets {@link CachemanConfig#failureThreshold()}. */
    public Builder failureThreshold(int n) {
      this.failureThreshold = n;
      return this;
    }

    /** Sets {@link CachemanConfig#retryInterval()}. */
    public Builder retryInterval(Duration d) {
      this.retryInterval = Objects.requireNonNull(d, "retryInterval");
      return this;
    }

    /** Sets {@link CachemanConfig#gutterTtl()}. */
    public Builder gutterTtl(Duration d) {
      this.gutterTtl = Objects.requireNonNull(d, "gutterTtl");
      return this;
    }

    /** Sets {@link CachemanConfig#retryAttempts()}. */
    public Builder retryAttempts(int n) {
      this.retryAttempts = n;
      return this;
    }

    /** Sets {@link CachemanConfig#reconnectMinBackoff()} and {@link CachemanConfig#reconnectMaxBackoff()}. */
    public Builder reconnectBackoff(Duration min, Duration max) {
      return reconnectMinBackoff(min).reconnectMaxBackoff(max);
    }

    /** Sets {@link CachemanConfig#reconnectMinBackoff()}. */
    public Builder reconnectMinBackoff(Duration min) {
      this.reconnectMinBackoff = Objects.requireNonNull(min, "reconnectMinBackoff");
      return this;
    }

    /** Sets {@link CachemanConfig#reconnectMaxBackoff()}. */
    public Builder reconnectMaxBackoff(Duration max) {
      this.reconnectMaxBackoff = Objects.requireNonNull(max, "reconnectMaxBackoff");
      return this;
    }

    /** Sets {@link CachemanConfig#compressionThreshold()}. */
    public Builder compressionThreshold(int bytes) {
      this.compressionThreshold = bytes;
      return this;
    }

    /** Sets {@link CachemanConfig#longKeys()}. */
    public Builder longKeys(LongKeyPolicy policy) {
      this.longKeys = Objects.requireNonNull(policy, "longKeys");
      return this;
    }

    /** Sets {@link CachemanConfig#serializationFilter()}. */
    public Builder serializationFilter(String pattern) {
      this.serializationFilter = Objects.requireNonNull(pattern, "serializationFilter");
      return this;
    }

    /** Sets {@link CachemanConfig#defaultTtl()}. */
    public Builder defaultTtl(Duration d) {
      this.defaultTtl = Objects.requireNonNull(d, "defaultTtl");
      return this;
    }

    /** Sets {@link CachemanConfig#reloadInterval()}. */
    public Builder reloadInterval(Duration d) {
      this.reloadInterval = Objects.requireNonNull(d, "reloadInterval");
      return this;
    }

    /** Sets {@link CachemanConfig#maxValueSize()}. */
    public Builder maxValueSize(int bytes) {
      this.maxValueSize = bytes;
      return this;
    }

    /** Sets {@link CachemanConfig#onReturn()}. */
    public Builder onReturn(OnReturn policy) {
      this.onReturn = Objects.requireNonNull(policy, "onReturn");
      return this;
    }

    /** Sets {@link CachemanConfig#returnLogSize()}. */
    public Builder returnLogSize(int keys) {
      this.returnLogSize = keys;
      return this;
    }

    /** Sets {@link CachemanConfig#protocol()}. */
    public Builder protocol(Protocol wire) {
      this.protocol = Objects.requireNonNull(wire, "protocol");
      return this;
    }

    /** Sets {@link CachemanConfig#loadLease()}. */
    public Builder loadLease(Duration lease) {
      this.loadLease = Objects.requireNonNull(lease, "loadLease");
      return this;
    }

    /** Sets {@link CachemanConfig#invalidateGrace()}. */
    public Builder invalidateGrace(Duration grace) {
      this.invalidateGrace = Objects.requireNonNull(grace, "invalidateGrace");
      return this;
    }

    /** Sets {@link CachemanConfig#tls()}. */
    public Builder tls(TlsConfig config) {
      this.tls = config.toBuilder();
      return this;
    }

    /** Changes {@link CachemanConfig#tls()} setting by setting: {@code tls(t -> t.enabled(true).caFile(ca))}. */
    public Builder tls(Consumer<TlsConfig.Builder> edit) {
      edit.accept(tls);
      return this;
    }

    /** Sets {@link CachemanConfig#auth()}; {@code null} for none. */
    public Builder auth(AuthConfig config) {
      this.auth = config == null ? AuthConfig.builder() : config.toBuilder();
      return this;
    }

    /** Changes {@link CachemanConfig#auth()} setting by setting, as a settings file does. */
    public Builder auth(Consumer<AuthConfig.Builder> edit) {
      edit.accept(auth);
      return this;
    }

    /** Sets {@link CachemanConfig#discovery()}; {@code null} when the nodes are listed. */
    public Builder discovery(Discovery source) {
      this.discovery = source;
      return this;
    }

    /** Sets {@link CachemanConfig#discoveryInterval()}. */
    public Builder discoveryInterval(Duration d) {
      this.discoveryInterval = Objects.requireNonNull(d, "discoveryInterval");
      return this;
    }

    /**
     * Validates every setting and returns the immutable config.
     *
     * @throws ConfigException naming the {@code cacheman.*} key of the first setting that is out of
     *     range, with {@link ConfigException#source()} {@link ConfigException#BUILDER_SOURCE}
     */
    public CachemanConfig build() {
      check(!nodes.isEmpty() || discovery != null, KeyCatalog.NODES, "", "expected at least one node");
      Set<String> ids = new HashSet<>();
      for (NodeAddress node : nodes) {
        check(ids.add(node.id()), KeyCatalog.NODES, NodeListSyntax.format(nodes), "lists " + node.id() + " twice");
      }
      int maxConnections = KeyCatalog.MAX_CONNECTIONS_PER_NODE;
      check(connectionsPerNode >= 1 && connectionsPerNode <= maxConnections, KeyCatalog.CONNECTIONS_PER_NODE,
          connectionsPerNode, "expected 1.." + maxConnections);
      checkPositive(connectTimeout, KeyCatalog.CONNECT_TIMEOUT, KeyCatalog.MAX_CONNECT_TIMEOUT);
      checkPositive(operationTimeout, KeyCatalog.OPERATION_TIMEOUT, KeyCatalog.MAX_INTERVAL);
      check(maxInFlightPerConnection >= 1, KeyCatalog.MAX_IN_FLIGHT, maxInFlightPerConnection, "expected at least 1");
      check(failureThreshold >= 1, KeyCatalog.FAILURE_THRESHOLD, failureThreshold, "expected at least 1");
      checkPositive(retryInterval, KeyCatalog.RETRY_INTERVAL, KeyCatalog.MAX_INTERVAL);
      check(!gutterTtl.isNegative() && gutterTtl.compareTo(KeyCatalog.MAX_GUTTER_TTL) <= 0, KeyCatalog.GUTTER_TTL,
          ValueSyntax.formatDuration(gutterTtl), "expected 0s (keep the caller's TTL) or a positive duration up to "
              + ValueSyntax.formatDuration(KeyCatalog.MAX_GUTTER_TTL));
      check(retryAttempts >= 0 && retryAttempts <= KeyCatalog.MAX_RETRY_ATTEMPTS, KeyCatalog.RETRY_ATTEMPTS,
          retryAttempts, "expected 0.." + KeyCatalog.MAX_RETRY_ATTEMPTS);
      checkPositive(reconnectMinBackoff, KeyCatalog.RECONNECT_MIN_BACKOFF, KeyCatalog.MAX_INTERVAL);
      checkPositive(reconnectMaxBackoff, KeyCatalog.RECONNECT_MAX_BACKOFF, KeyCatalog.MAX_INTERVAL);
      check(reconnectMaxBackoff.compareTo(reconnectMinBackoff) >= 0, KeyCatalog.RECONNECT_MAX_BACKOFF,
          ValueSyntax.formatDuration(reconnectMaxBackoff), "expected at least " + KeyCatalog.RECONNECT_MIN_BACKOFF
              + " (" + ValueSyntax.formatDuration(reconnectMinBackoff) + ")");
      check(compressionThreshold >= 0, KeyCatalog.COMPRESSION_THRESHOLD, compressionThreshold,
          "expected 0 (off) or a size in bytes");
      check(!defaultTtl.isNegative() && fitsTheWire(defaultTtl), KeyCatalog.DEFAULT_TTL,
          ValueSyntax.formatDuration(defaultTtl), "expected 0s (no expiry) or a positive duration that ends before "
              + KeyCatalog.LATEST_EXPIRY + ", the last expiry time memcached can carry");
      check(!reloadInterval.isNegative() && reloadInterval.compareTo(KeyCatalog.MAX_RELOAD_INTERVAL) <= 0,
          KeyCatalog.RELOAD_INTERVAL, ValueSyntax.formatDuration(reloadInterval), "expected 0s (never) or a positive "
              + "duration up to " + ValueSyntax.formatDuration(KeyCatalog.MAX_RELOAD_INTERVAL));
      check(maxValueSize >= KeyCatalog.MIN_VALUE_SIZE && maxValueSize <= KeyCatalog.MAX_VALUE_SIZE_LIMIT,
          KeyCatalog.MAX_VALUE_SIZE, ValueSyntax.formatSize(maxValueSize), "expected " + ValueSyntax.formatSize(
              KeyCatalog.MIN_VALUE_SIZE) + ".." + ValueSyntax.formatSize(KeyCatalog.MAX_VALUE_SIZE_LIMIT));
      check(returnLogSize >= 0 && returnLogSize <= KeyCatalog.MAX_RETURN_LOG_SIZE, KeyCatalog.RETURN_LOG_SIZE,
          returnLogSize, "expected 0.." + KeyCatalog.MAX_RETURN_LOG_SIZE);
      checkPositive(discoveryInterval, KeyCatalog.DISCOVERY_INTERVAL, KeyCatalog.MAX_DISCOVERY_INTERVAL);
      checkWholeSeconds(loadLease, KeyCatalog.LOAD_LEASE, Duration.ofHours(1));
      // memcached's clock ticks once a second, so a TTL of N seconds lasts between N-1 and N.
      check(loadLease.getSeconds() >= 2, KeyCatalog.LOAD_LEASE, ValueSyntax.formatDuration(loadLease),
          "expected at least 2s: memcached counts whole seconds, so a 1s lease may end at once");
      checkWholeSeconds(invalidateGrace, KeyCatalog.INVALIDATE_GRACE, KeyCatalog.MAX_GUTTER_TTL);
      checkFilter();
      builtTls = tls.build();
      builtAuth = auth.isEmpty() ? null : auth.build();
      return new CachemanConfig(this);
    }

    private void checkFilter() {
      check(!serializationFilter.isBlank(), KeyCatalog.SERIALIZATION_FILTER, serializationFilter,
          "expected an ObjectInputFilter pattern such as java.base/*;!*");
      try {
        ObjectInputFilter.Config.createFilter(serializationFilter);
      } catch (IllegalArgumentException e) {
        check(false, KeyCatalog.SERIALIZATION_FILTER, serializationFilter,
            "expected an ObjectInputFilter pattern such as java.base/*;!* (" + e.getMessage() + ")");
      }
    }

    /** memcached's TTLs are whole seconds: a lease or grace of 1.5s would silently become 1s. */
    private static void checkWholeSeconds(Duration d, String key, Duration max) {
      check(d.getSeconds() >= 1 && d.getNano() == 0 && d.compareTo(max) <= 0, key, ValueSyntax.formatDuration(d),
          "expected whole seconds, 1s up to " + ValueSyntax.formatDuration(max) + " (memcached counts TTLs in seconds)");
    }

    private static void checkPositive(Duration d, String key, Duration max) {
      check(!d.isNegative() && !d.isZero() && d.compareTo(max) <= 0, key, ValueSyntax.formatDuration(d),
          "expected a positive duration up to " + ValueSyntax.formatDuration(max));
    }

    /** Whether a TTL that starts now still ends at a time the memcached protocol can carry. */
    private static boolean fitsTheWire(Duration ttl) {
      return ttl.getSeconds() <= KeyCatalog.LATEST_EXPIRY.getEpochSecond() - System.currentTimeMillis() / 1000;
    }

    private static void check(boolean ok, String key, Object value, String expectation) {
      if (!ok) {
        throw new ConfigException(ConfigException.BUILDER_SOURCE, 0, key, String.valueOf(value),
            "is not valid: " + expectation);
      }
    }
  }
}
