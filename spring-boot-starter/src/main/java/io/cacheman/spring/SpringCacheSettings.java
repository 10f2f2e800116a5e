package io.cacheman.spring;

import io.cacheman.config.ConfigException;
import io.cacheman.config.internal.InvalidValueException;
import io.cacheman.config.internal.ValueSyntax;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The starter's own settings, under {@code cacheman.spring.}, in the value syntax of
 * {@code cacheman.properties} (durations such as {@code 10m}, {@code 250ms}; a bare number is an
 * error, not milliseconds):
 * <ul>
 *   <li>{@code cacheman.spring.enabled} ({@code true}): {@code false} turns the starter off;
 *   <li>{@code cacheman.spring.default-ttl} (the client's {@code cacheman.default-ttl}, {@code 0s} = no
 *       expiry): the time to live of entries of a cache without a TTL of its own;
 *   <li>{@code cacheman.spring.caches.<name>.ttl}: the time to live of the entries of cache {@code <name>};
 *   <li>{@code cacheman.spring.key-prefix} (empty): put before every key, so that applications sharing
 *       nodes keep their caches apart;
 *   <li>{@code cacheman.spring.allow-null-values} ({@code true}): whether a {@code null} result is cached.
 * </ul>
 * Any other key under {@code cacheman.spring.} is an error naming it, as an unknown
 * {@code cacheman.*} key is.
 *
 * @param defaultTtl the TTL of caches without one of their own
 * @param ttls the TTL of each cache that has one
 * @param keyPrefix put before every memcached key
 * @param allowNullValues whether null results are cached
 */
public record SpringCacheSettings(Duration defaultTtl, Map<String, Duration> ttls, String keyPrefix,
    boolean allowNullValues) {
  static final String ENABLED = "cacheman.spring.enabled";
  static final String DEFAULT_TTL = "cacheman.spring.default-ttl";
  static final String KEY_PREFIX = "cacheman.spring.key-prefix";
  static final String ALLOW_NULL_VALUES = "cacheman.spring.allow-null-values";
  static final String CACHES = "cacheman.spring.caches.";
  static final String TTL = ".ttl";
  /** Room left for the cache name, the generation and the key within memcached's 250 bytes. */
  static final int MAX_PREFIX_BYTES = 100;
  private static final String KNOWN = ENABLED + ", " + DEFAULT_TTL + ", " + KEY_PREFIX + ", " + ALLOW_NULL_VALUES
      + " or " + CACHES + "<name>" + TTL;

  /** Copies the map. */
  public SpringCacheSettings {
    ttls = Map.copyOf(ttls);
  }

  /** The TTL of the entries of cache {@code name}. */
  public Duration ttl(String name) {
    return ttls.getOrDefault(name, defaultTtl);
  }

  /** The settings under {@code cacheman.spring.}, checked; {@code clientDefaultTtl} when no default TTL is set. */
  static SpringCacheSettings from(ConfigurableEnvironment environment, Duration clientDefaultTtl) {
    EnvironmentProperties properties = new EnvironmentProperties(environment);
    try {
      Duration defaultTtl = clientDefaultTtl;
      String prefix = "";
      boolean allowNull = true;
      Map<String, Duration> ttls = new TreeMap<>();
      for (String key : properties.names()) {
        if (!key.startsWith(ClientSettings.SPRING_PREFIX)) {
          continue;
        }
        String value = properties.value(key);
        if (key.equals(DEFAULT_TTL)) {
          defaultTtl = ttl(key, value);
        } else if (key.equals(KEY_PREFIX)) {
          prefix = prefix(value);
        } else if (key.equals(ALLOW_NULL_VALUES)) {
          allowNull = bool(key, value);
        } else if (key.equals(ENABLED)) {
          bool(key, value);
        } else if (key.startsWith(CACHES) && key.endsWith(TTL) && key.length() > CACHES.length() + TTL.length()) {
          ttls.put(key.substring(CACHES.length(), key.length() - TTL.length()), ttl(key, value));
        } else {
          throw ConfigException.unknownKey("Spring Environment", 0, key, value, "one of " + KNOWN);
        }
      }
      return new SpringCacheSettings(defaultTtl, ttls, prefix, allowNull);
    } catch (ConfigException e) {
      throw properties.locate(e);
    }
  }

  private static Duration ttl(String key, String value) {
    try {
      Duration ttl = ValueSyntax.parseDuration(value);
      if (ttl.isNegative()) {
        throw new InvalidValueException("expected 0s (no expiry) or a positive duration");
      }
      return ttl;
    } catch (InvalidValueException e) {
      throw new ConfigException("Spring Environment", 0, key, value, "is not valid: " + e.getMessage());
    }
  }

  private static boolean bool(String key, String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      throw new ConfigException("Spring Environment", 0, key, value, "is not valid: expected true or false");
    }
    return v.equals("true");
  }

  private static String prefix(String value) {
    if (!CacheKeys.isValidPart(value) || CacheKeys.bytes(value) > MAX_PREFIX_BYTES) {
      throw new ConfigException("Spring Environment", 0, KEY_PREFIX, value, "is not valid: expected at most "
          + MAX_PREFIX_BYTES + " bytes without blanks or control characters, such as myapp:");
    }
    return value;
  }
}
