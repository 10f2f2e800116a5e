package io.cacheman.config.internal;

import static io.cacheman.config.internal.ValueSyntax.formatDuration;
import static io.cacheman.config.internal.ValueSyntax.formatEnum;

import io.cacheman.config.AuthConfig;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.FailoverMode;
import io.cacheman.config.Hashing;
import io.cacheman.config.KetamaNodeNames;
import io.cacheman.config.LongKeyPolicy;
import io.cacheman.config.OnReturn;
import io.cacheman.config.Protocol;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every {@code cacheman.*} setting: its key, default, meaning, how it is applied to a
 * {@link CachemanConfig.Builder} and how it is written back. The single source for parsing,
 * validation, typo hints, the builder's defaults and the table in {@code docs/config.md} (a test
 * keeps that table equal to this list).
 */
public final class KeyCatalog {
  /** The default of a setting that is unset unless given (a file writes it as an empty value). */
  public static final String NONE = "(none)";

  /** Every key starts with this; keys without it belong to other libraries. */
  public static final String PREFIX = "cacheman.";

  // The keys, in documentation order.
  public static final String NODES = "cacheman.nodes";
  public static final String HASHING = "cacheman.hashing";
  public static final String KETAMA_NODE_NAMES = "cacheman.ketama.node-names";
  public static final String CONNECTIONS_PER_NODE = "cacheman.connections-per-node";
  public static final String CONNECT_TIMEOUT = "cacheman.connect-timeout";
  public static final String OPERATION_TIMEOUT = "cacheman.operation-timeout";
  public static final String MAX_IN_FLIGHT = "cacheman.max-in-flight";
  public static final String FAILOVER_MODE = "cacheman.failover.mode";
  public static final String FAILURE_THRESHOLD = "cacheman.failover.failure-threshold";
  public static final String RETRY_INTERVAL = "cacheman.failover.retry-interval";
  public static final String GUTTER_TTL = "cacheman.failover.gutter-ttl";
  public static final String RETRY_ATTEMPTS = "cacheman.retry.attempts";
  public static final String RECONNECT_MIN_BACKOFF = "cacheman.reconnect.min-backoff";
  public static final String RECONNECT_MAX_BACKOFF = "cacheman.reconnect.max-backoff";
  public static final String COMPRESSION_THRESHOLD = "cacheman.compression.threshold";
  public static final String LONG_KEYS = "cacheman.keys.too-long";
  public static final String SERIALIZATION_FILTER = "cacheman.serialization.filter";
  public static final String DEFAULT_TTL = "cacheman.default-ttl";
  public static final String RELOAD_INTERVAL = "cacheman.reload-interval";
  public static final String MAX_VALUE_SIZE = "cacheman.max-value-size";
  public static final String ON_RETURN = "cacheman.failover.on-return";
  public static final String RETURN_LOG_SIZE = "cacheman.failover.return-log-size";
  public static final String DISCOVERY_INTERVAL = "cacheman.discovery.interval";
  public static final String TLS_ENABLED = "cacheman.tls.enabled";
  public static final String TLS_CA_FILE = "cacheman.tls.ca-file";
  public static final String TLS_TRUST_STORE = "cacheman.tls.trust-store";
  public static final String TLS_TRUST_STORE_PASSWORD = "cacheman.tls.trust-store-password";
  public static final String TLS_CERT_FILE = "cacheman.tls.cert-file";
  public static final String TLS_KEY_FILE = "cacheman.tls.key-file";
  public static final String TLS_VERIFY_HOSTNAME = "cacheman.tls.verify-hostname";
  public static final String TLS_PROTOCOLS = "cacheman.tls.protocols";
  public static final String TLS_CIPHERS = "cacheman.tls.ciphers";
  public static final String AUTH_USERNAME = "cacheman.auth.username";
  public static final String AUTH_PASSWORD_ENV = "cacheman.auth.password-env";
  public static final String AUTH_PASSWORD_FILE = "cacheman.auth.password-file";
  public static final String PROTOCOL = "cacheman.protocol";
  public static final String LOAD_LEASE = "cacheman.load.lease";
  public static final String INVALIDATE_GRACE = "cacheman.invalidate.grace";
  /** Not a setting: a password written into the settings file is refused, with this key named. */
  public static final String AUTH_PASSWORD = "cacheman.auth.password";

  // The defaults: CachemanConfig.Builder starts from these, the docs table shows them.
  public static final Hashing DEFAULT_HASHING = Hashing.MODULO;
  public static final KetamaNodeNames DEFAULT_KETAMA_NODE_NAMES = KetamaNodeNames.LIBMEMCACHED;
  public static final int DEFAULT_CONNECTIONS_PER_NODE = 2;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(1);
  public static final int DEFAULT_MAX_IN_FLIGHT = 1024;
  public static final FailoverMode DEFAULT_FAILOVER_MODE = FailoverMode.REDISTRIBUTE;
  public static final int DEFAULT_FAILURE_THRESHOLD = 3;
  public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(2);
  public static final Duration DEFAULT_GUTTER_TTL = Duration.ofSeconds(10);
  public static final int DEFAULT_RETRY_ATTEMPTS = 1;
  public static final Duration DEFAULT_RECONNECT_MIN_BACKOFF = Duration.ofMillis(50);
  public static final Duration DEFAULT_RECONNECT_MAX_BACKOFF = Duration.ofSeconds(5);
  public static final int DEFAULT_COMPRESSION_THRESHOLD = 16 * 1024;
  public static final LongKeyPolicy DEFAULT_LONG_KEYS = LongKeyPolicy.REJECT;
  /**
   * Limits that bound the work of decoding (depth, objects, bytes, array length), then no class
   * that looks up the network when hashed or builds proxies, then the JDK's base classes, nothing else.
   */
  public static final String DEFAULT_SERIALIZATION_FILTER =
      "maxdepth=20;maxrefs=10000;maxbytes=1048576;maxarray=100000;!java.net.**;!java.lang.reflect.**;java.base/*;!*";
  public static final Duration DEFAULT_TTL_VALUE = Duration.ZERO;
  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(2);
  public static final int DEFAULT_MAX_VALUE_SIZE = 1024 * 1024;
  public static final OnReturn DEFAULT_ON_RETURN = OnReturn.FLUSH;
  public static final int DEFAULT_RETURN_LOG_SIZE = 10_000;
  public static final Duration DEFAULT_DISCOVERY_INTERVAL = Duration.ofSeconds(10);
  public static final Protocol DEFAULT_PROTOCOL = Protocol.TEXT;
  public static final Duration DEFAULT_LOAD_LEASE = Duration.ofSeconds(3);
  public static final Duration DEFAULT_INVALIDATE_GRACE = Duration.ofSeconds(30);

  /** Upper bounds the builder enforces; here so the docs and the checks cannot disagree. */
  public static final int MAX_CONNECTIONS_PER_NODE = 64;
  public static final int MAX_RETRY_ATTEMPTS = 10;
  /** Longest connect timeout: the socket takes it in whole milliseconds, and the kernel gives up sooner anyway. */
  public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(10);
  /** Longest operation timeout, retry interval and reconnect backoff: a cache call is not a batch job. */
  public static final Duration MAX_INTERVAL = Duration.ofHours(1);
  public static final Duration MAX_RELOAD_INTERVAL = Duration.ofDays(1);
  /** Longest discovery interval: a node list looked up less than daily is a static one. */
  public static final Duration MAX_DISCOVERY_INTERVAL = Duration.ofDays(1);
  /** Longest gutter TTL: memcached's longest relative lifetime. */
  public static final Duration MAX_GUTTER_TTL = Duration.ofDays(30);
  /** The last expiry time the memcached protocol carries: its absolute exptime is a signed 32-bit unix time. */
  public static final Instant LATEST_EXPIRY = Instant.ofEpochSecond(Integer.MAX_VALUE);
  public static final int MIN_VALUE_SIZE = 1024;
  /** memcached's largest item size ({@code -I 1024m}). */
  public static final int MAX_VALUE_SIZE_LIMIT = 1024 * 1024 * 1024;
  public static final int MAX_RETURN_LOG_SIZE = 10_000_000;

  /**
   * One setting.
   *
   * @param key the full key, {@code cacheman.…}
   * @param defaultValue the default as a file would write it, {@code (required)}, or {@link #NONE}
   * @param meaning one line for the docs table
   * @param apply parses a written value into the builder; throws {@link InvalidValueException}
   * @param write the value of a config as a file would write it
   */
  public record Setting(String key, String defaultValue, String meaning,
      BiConsumer<CachemanConfig.Builder, String> apply, Function<CachemanConfig, String> write) {}

  private static final List<Setting> SETTINGS = List.of(
      new Setting(NODES, "(required)",
          "The cache nodes in routing order: `host:port[:weight]` separated by commas, IPv6 as `[::1]:16180`; "
              + "weights count under ketama only. Or `dns:HOST:PORT` (every address of HOST) or `dns+srv:NAME` "
              + "(SRV records), looked up again every discovery interval.",
          KeyCatalog::applyNodes,
          c -> c.discovery().map(Object::toString).orElseGet(() -> NodeListSyntax.format(c.nodes()))),
      new Setting(HASHING, formatEnum(DEFAULT_HASHING),
          "How a key picks its node: `modulo` (FNV-1a 32 mod node count) or `ketama` (libmemcached-compatible "
              + "consistent hashing).",
          (b, v) -> b.hashing(ValueSyntax.parseEnum(Hashing.class, v)), c -> formatEnum(c.hashing())),
      new Setting(KETAMA_NODE_NAMES, formatEnum(DEFAULT_KETAMA_NODE_NAMES),
          "Ketama ring names: `libmemcached` (`host:port`, just `host` on port 11211; also twemproxy) or "
              + "`spymemcached` (always `host:port`).",
          (b, v) -> b.ketamaNodeNames(ValueSyntax.parseEnum(KetamaNodeNames.class, v)),
          c -> formatEnum(c.ketamaNodeNames())),
      new Setting(CONNECTIONS_PER_NODE, Integer.toString(DEFAULT_CONNECTIONS_PER_NODE),
          "Pipelined connections kept open to each node, 1.." + MAX_CONNECTIONS_PER_NODE + ".",
          (b, v) -> b.connectionsPerNode(ValueSyntax.parseInt(v)), c -> Integer.toString(c.connectionsPerNode())),
      new Setting(CONNECT_TIMEOUT, formatDuration(DEFAULT_CONNECT_TIMEOUT),
          "How long opening a connection may take.",
          (b, v) -> b.connectTimeout(ValueSyntax.parseDuration(v)), c -> formatDuration(c.connectTimeout())),
      new Setting(OPERATION_TIMEOUT, formatDuration(DEFAULT_OPERATION_TIMEOUT),
          "Deadline of one operation, retries included.",
          (b, v) -> b.operationTimeout(ValueSyntax.parseDuration(v)), c -> formatDuration(c.operationTimeout())),
      new Setting(MAX_IN_FLIGHT, Integer.toString(DEFAULT_MAX_IN_FLIGHT),
          "Requests one connection may have outstanding; past it on every connection of the node, an async call"
              + " fails at once as overloaded and a blocking call waits for a slot within its timeout.",
          (b, v) -> b.maxInFlightPerConnection(ValueSyntax.parseInt(v)),
          c -> Integer.toString(c.maxInFlightPerConnection())),
      new Setting(FAILOVER_MODE, formatEnum(DEFAULT_FAILOVER_MODE),
          "A dead node's keys: `redistribute` (to the next live node) or `fail-fast` (fail at once).",
          (b, v) -> b.failoverMode(ValueSyntax.parseEnum(FailoverMode.class, v)), c -> formatEnum(c.failoverMode())),
      new Setting(FAILURE_THRESHOLD, Integer.toString(DEFAULT_FAILURE_THRESHOLD),
          "Consecutive timeouts or connection errors that take a node out of routing.",
          (b, v) -> b.failureThreshold(ValueSyntax.parseInt(v)), c -> Integer.toString(c.failureThreshold())),
      new Setting(RETRY_INTERVAL, formatDuration(DEFAULT_RETRY_INTERVAL),
          "How long a node stays out before a probe may bring it back.",
          (b, v) -> b.retryInterval(ValueSyntax.parseDuration(v)), c -> formatDuration(c.retryInterval())),
      new Setting(GUTTER_TTL, formatDuration(DEFAULT_GUTTER_TTL),
          "Longest TTL of a value written to another node while its own is out of routing (redistribute mode), so "
              + "failover copies expire soon after the node is back; `0s` = keep the caller's TTL.",
          (b, v) -> b.gutterTtl(ValueSyntax.parseDuration(v)), c -> formatDuration(c.gutterTtl())),
      new Setting(RETRY_ATTEMPTS, Integer.toString(DEFAULT_RETRY_ATTEMPTS),
          "Extra attempts, 0.." + MAX_RETRY_ATTEMPTS + ", for operations that are safe to repeat.",
          (b, v) -> b.retryAttempts(ValueSyntax.parseInt(v)), c -> Integer.toString(c.retryAttempts())),
      new Setting(RECONNECT_MIN_BACKOFF, formatDuration(DEFAULT_RECONNECT_MIN_BACKOFF),
          "First wait before reconnecting a dropped connection; later waits grow up to the max-backoff.",
          (b, v) -> b.reconnectMinBackoff(ValueSyntax.parseDuration(v)), c -> formatDuration(c.reconnectMinBackoff())),
      new Setting(RECONNECT_MAX_BACKOFF, formatDuration(DEFAULT_RECONNECT_MAX_BACKOFF),
          "The longest wait between reconnect attempts; at least the min-backoff.",
          (b, v) -> b.reconnectMaxBackoff(ValueSyntax.parseDuration(v)), c -> formatDuration(c.reconnectMaxBackoff())),
      new Setting(COMPRESSION_THRESHOLD, ValueSyntax.formatSize(DEFAULT_COMPRESSION_THRESHOLD),
          "Values of at least this size are stored gzip-compressed (when that makes them smaller); bytes, "
              + "or with a `k`/`KiB`/`m`/`MiB` suffix; `0` = never.",
          (b, v) -> b.compressionThreshold(ValueSyntax.parseSize(v)),
          c -> ValueSyntax.formatSize(c.compressionThreshold())),
      new Setting(LONG_KEYS, formatEnum(DEFAULT_LONG_KEYS),
          "Keys over 250 bytes: `reject` (fail the call) or `hash` (a prefix of the key plus its SHA-256).",
          (b, v) -> b.longKeys(ValueSyntax.parseEnum(LongKeyPolicy.class, v)), c -> formatEnum(c.longKeys())),
      new Setting(SERIALIZATION_FILTER, DEFAULT_SERIALIZATION_FILTER,
          "`java.io.ObjectInputFilter` pattern of the classes a cached Java object may contain; anything it does "
              + "not allow is rejected.",
          CachemanConfig.Builder::serializationFilter, CachemanConfig::serializationFilter),
      new Setting(DEFAULT_TTL, formatDuration(DEFAULT_TTL_VALUE),
          "Time to live of values stored without one; `0s` = no expiry.",
          (b, v) -> b.defaultTtl(ValueSyntax.parseDuration(v)), c -> formatDuration(c.defaultTtl())),
      new Setting(RELOAD_INTERVAL, formatDuration(DEFAULT_RELOAD_INTERVAL),
          "How often a client opened from a file checks it for changes and applies them without a restart; "
              + "`0s` = never.",
          (b, v) -> b.reloadInterval(ValueSyntax.parseDuration(v)), c -> formatDuration(c.reloadInterval())),
      new Setting(MAX_VALUE_SIZE, ValueSyntax.formatSize(DEFAULT_MAX_VALUE_SIZE),
          "The largest value a node may send, or a compressed value inflate to; a larger one fails its call "
              + "(memcached's item size limit by default).",
          (b, v) -> b.maxValueSize(ValueSyntax.parseSize(v)), c -> ValueSyntax.formatSize(c.maxValueSize())),
      new Setting(ON_RETURN, formatEnum(DEFAULT_ON_RETURN),
          "Before a node that was out of routing takes traffic again, when more keys were written elsewhere "
              + "meanwhile than the return log holds: `flush` it, `wait` until those writes expired, or `none`.",
          (b, v) -> b.onReturn(ValueSyntax.parseEnum(OnReturn.class, v)), c -> formatEnum(c.onReturn())),
      new Setting(RETURN_LOG_SIZE, Integer.toString(DEFAULT_RETURN_LOG_SIZE),
          "Keys written elsewhere while a node is out of routing that the client remembers, and deletes on the "
              + "node before it takes traffic again; `0` = remember none.",
          (b, v) -> b.returnLogSize(ValueSyntax.parseInt(v)), c -> Integer.toString(c.returnLogSize())),
      new Setting(DISCOVERY_INTERVAL, formatDuration(DEFAULT_DISCOVERY_INTERVAL),
          "How often a `dns:` or `dns+srv:` node list is looked up again; a changed answer is applied as a new "
              + "node list, a failed lookup keeps the last one.",
          (b, v) -> b.discoveryInterval(ValueSyntax.parseDuration(v)), c -> formatDuration(c.discoveryInterval())),
      new Setting(PROTOCOL, formatEnum(DEFAULT_PROTOCOL),
          "`text`, `meta` (memcached 1.6's meta commands for reads, writes and getOrLoad's fleet-wide leases) or "
              + "`auto` (meta where a node answers `mn`, text elsewhere).",
          (b, v) -> b.protocol(ValueSyntax.parseEnum(Protocol.class, v)), c -> formatEnum(c.protocol())),
      new Setting(LOAD_LEASE, formatDuration(DEFAULT_LOAD_LEASE),
          "With meta: how long the one caller in the fleet that loads a missing key holds the right to; whole "
              + "seconds.",
          (b, v) -> b.loadLease(ValueSyntax.parseDuration(v)), c -> formatDuration(c.loadLease())),
      new Setting(INVALIDATE_GRACE, formatDuration(DEFAULT_INVALIDATE_GRACE),
          "With meta: how long an invalidated value may be served stale while one caller reloads it; whole seconds.",
          (b, v) -> b.invalidateGrace(ValueSyntax.parseDuration(v)), c -> formatDuration(c.invalidateGrace())),
      new Setting(TLS_ENABLED, "false",
          "Whether connections to the nodes speak TLS (memcached's `-Z`); at least TLS 1.2.",
          (b, v) -> b.tls(t -> t.enabled(ValueSyntax.parseBoolean(v))), c -> Boolean.toString(c.tls().enabled())),
      new Setting(TLS_CA_FILE, NONE,
          "PEM file of the CA certificates that sign the nodes' certificates; empty = the JDK's trusted CAs.",
          (b, v) -> b.tls(t -> t.caFile(ValueSyntax.parsePath(v))), c -> ValueSyntax.formatPath(c.tls().caFile())),
      new Setting(TLS_TRUST_STORE, NONE,
          "A PKCS#12 or JKS trust store to use instead of a CA file.",
          (b, v) -> b.tls(t -> t.trustStore(ValueSyntax.parsePath(v))),
          c -> ValueSyntax.formatPath(c.tls().trustStore())),
      new Setting(TLS_TRUST_STORE_PASSWORD, NONE,
          "The trust store's integrity password, if it has one (it guards public certificates, not a secret).",
          (b, v) -> b.tls(t -> t.trustStorePassword(v.isEmpty() ? null : v)),
          c -> c.tls().trustStorePassword().orElse("")),
      new Setting(TLS_CERT_FILE, NONE,
          "PEM certificate chain the client shows to nodes that verify clients (mutual TLS).",
          (b, v) -> b.tls(t -> t.certFile(ValueSyntax.parsePath(v))), c -> ValueSyntax.formatPath(c.tls().certFile())),
      new Setting(TLS_KEY_FILE, NONE,
          "The unencrypted PKCS#8 PEM private key of the cert-file (`openssl pkcs8 -topk8 -nocrypt` converts others).",
          (b, v) -> b.tls(t -> t.keyFile(ValueSyntax.parsePath(v))), c -> ValueSyntax.formatPath(c.tls().keyFile())),
      new Setting(TLS_VERIFY_HOSTNAME, "true",
          "Whether a node's certificate must name the host or IP address the client connects to.",
          (b, v) -> b.tls(t -> t.verifyHostname(ValueSyntax.parseBoolean(v))),
          c -> Boolean.toString(c.tls().verifyHostname())),
      new Setting(TLS_PROTOCOLS, NONE,
          "TLS versions offered, separated by commas (`TLSv1.3`, `TLSv1.2`); empty = the JDK's, TLS 1.2 and up.",
          (b, v) -> b.tls(t -> t.protocols(ValueSyntax.parseList(v))), c -> String.join(",", c.tls().protocols())),
      new Setting(TLS_CIPHERS, NONE,
          "Cipher suites offered, separated by commas; empty = the JDK's defaults.",
          (b, v) -> b.tls(t -> t.ciphers(ValueSyntax.parseList(v))), c -> String.join(",", c.tls().ciphers())),
      new Setting(AUTH_USERNAME, NONE,
          "User name for memcached's ASCII authentication (`-Y`), sent first on every connection; empty = none.",
          (b, v) -> b.auth(a -> a.username(v.isEmpty() ? null : v)),
          c -> c.auth().map(AuthConfig::username).orElse("")),
      new Setting(AUTH_PASSWORD_ENV, NONE,
          "The environment variable holding that user's password.",
          (b, v) -> b.auth(a -> a.passwordEnv(v.isEmpty() ? null : v)),
          c -> c.auth().flatMap(AuthConfig::passwordEnv).orElse("")),
      new Setting(AUTH_PASSWORD_FILE, NONE,
          "Or the file (readable only by the application) whose first line is the password.",
          (b, v) -> b.auth(a -> a.passwordFile(ValueSyntax.parsePath(v))),
          c -> ValueSyntax.formatPath(c.auth().flatMap(AuthConfig::passwordFile))));

  private static final Map<String, Setting> BY_KEY =
      SETTINGS.stream().collect(Collectors.toUnmodifiableMap(Setting::key, s -> s));

  private KeyCatalog() {}

  /** {@code cacheman.nodes}: a list of nodes, or the one DNS name that lists them. */
  private static void applyNodes(CachemanConfig.Builder b, String v) {
    if (DiscoverySyntax.isDiscovery(v)) {
      b.discovery(DiscoverySyntax.parse(v));
    } else {
      b.nodes(NodeListSyntax.parse(v));
    }
  }

  /** All settings in documentation order. */
  public static List<Setting> all() {
    return SETTINGS;
  }

  /** The setting with this exact key. */
  public static Optional<Setting> find(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  /** {@code config} as {@code cacheman.properties} text that reads back to an equal config. */
  public static String toProperties(CachemanConfig config) {
    StringBuilder out = new StringBuilder();
    for (Setting s : SETTINGS) {
      out.append(s.key()).append(" = ").append(escape(s.write().apply(config))).append('\n');
    }
    return out.toString();
  }

  /**
   * The valid key nearest to {@code unknown}, or {@code null} when none is close. Case, {@code _}
   * versus {@code -} and camelCase do not count as differences ({@code operationTimeout} finds
   * {@code operation-timeout}).
   */
  public static String nearest(String unknown) {
    String wanted = normalize(unknown);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Setting s : SETTINGS) {
      int d = EditDistance.between(wanted, normalize(s.key()));
      if (d < bestDistance) {
        best = s.key();
        bestDistance = d;
      }
    }
    int tail = Math.max(1, unknown.length() - PREFIX.length());
    return bestDistance <= Math.max(2, tail / 3) ? best : null;
  }

  private static String normalize(String key) {
    StringBuilder out = new StringBuilder(key.length() + 4);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(key.charAt(i - 1))) {
        out.append('-');
      }
      out.append(c == '_' ? '-' : c);
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  private static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
