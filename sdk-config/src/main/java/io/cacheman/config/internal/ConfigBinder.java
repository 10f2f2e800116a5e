package io.cacheman.config.internal;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.ConfigException;
import io.cacheman.config.internal.KeyCatalog.Setting;
import io.cacheman.config.internal.PropertiesReader.Entry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the entries of a settings file, plus overrides, into a validated {@link CachemanConfig}.
 * Every error, including the builder's range checks, comes out as a {@link ConfigException} that
 * names where the offending value was written.
 */
public final class ConfigBinder {
  /** {@link ConfigException#source()} of values given as {@code -Dcacheman.<key>=…}. */
  public static final String OVERRIDE_SOURCE = "system property";

  /** A value and where it was written. */
  private record Located(String source, int line, String value) {}

  private ConfigBinder() {}

  /**
   * The config that {@code text} describes, with {@code overrides} (full {@code cacheman.*} keys)
   * replacing the file's values. Keys outside {@code cacheman.} are ignored: other libraries may
   * share the file.
   *
   * @param source names the text in errors: a path or {@code classpath:cacheman.properties}
   */
  public static CachemanConfig bind(String source, String text, Map<String, String> overrides) {
    return bind(source, text, overrides, OVERRIDE_SOURCE);
  }

  /**
   * The config that {@code settings} (full keys and their values as written) describe, as if they
   * were the lines of a file called {@code source}: another framework's configuration, such as a
   * Spring Environment, goes through the same checks. Keys outside {@code cacheman.} are ignored.
   */
  public static CachemanConfig bind(String source, Map<String, String> settings) {
    Map<String, String> ours = overridesFrom(settings, null);
    return bind(source, "", ours, source);
  }

  private static CachemanConfig bind(String source, String text, Map<String, String> overrides,
      String overrideSource) {
    Map<String, Located> values = new LinkedHashMap<>();
    for (Entry e : PropertiesReader.read(source, text)) {
      if (!e.key().startsWith(KeyCatalog.PREFIX)) {
        continue;
      }
      Located earlier = values.get(e.key());
      if (earlier != null) {
        throw new ConfigException(source, e.line(), e.key(), e.value(),
            "repeats the key already set on line " + earlier.line() + "; keep one of the two");
      }
      requireKnown(source, e.line(), e.key(), e.value());
      values.put(e.key(), new Located(source, e.line(), e.value()));
    }
    for (Map.Entry<String, String> o : new TreeMap<>(overrides).entrySet()) {
      requireKnown(overrideSource, 0, o.getKey(), o.getValue());
      values.put(o.getKey(), new Located(overrideSource, 0, o.getValue()));
    }
    if (!values.containsKey(KeyCatalog.NODES)) {
      throw new ConfigException(source, 0, KeyCatalog.NODES, null,
          "is missing: list the cache nodes as host:port[:weight], separated by commas");
    }

    CachemanConfig.Builder builder = CachemanConfig.builder();
    for (Map.Entry<String, Located> v : values.entrySet()) {
      Setting setting = KeyCatalog.find(v.getKey()).orElseThrow();
      Located at = v.getValue();
      try {
        setting.apply().accept(builder, at.value());
      } catch (InvalidValueException e) {
        throw new ConfigException(at.source(), at.line(), setting.key(), at.value(), "is not valid: " + e.getMessage());
      }
    }
    try {
      return builder.build();
    } catch (ConfigException e) {
      // A range or consistency check: point at the line that set the key, or at the file when
      // the default is what clashes (for example a min-backoff above the default max-backoff).
      Located at = values.get(e.key());
      throw at == null ? e.relocate(source, 0, e.value()) : e.relocate(at.source(), at.line(), at.value());
    }
  }

  private static void requireKnown(String source, int line, String key, String value) {
    if (key.equals(KeyCatalog.AUTH_PASSWORD)) {
      throw new ConfigException(source, line, key, "(not shown)", "is refused: a password does not belong in "
          + "a settings file, which gets checked in and copied; name an environment variable with "
          + KeyCatalog.AUTH_PASSWORD_ENV + " or a file readable only by the application with "
          + KeyCatalog.AUTH_PASSWORD_FILE);
    }
    if (KeyCatalog.find(key).isEmpty()) {
      throw ConfigException.unknownKey(source, line, key, value, KeyCatalog.nearest(key));
    }
  }

  /** The {@code cacheman.*} entries of {@code properties}, as overrides; {@code cacheman.config} (the lookup key) excluded. */
  public static Map<String, String> overridesFrom(Map<String, String> properties, String lookupKey) {
    Map<String, String> out = new TreeMap<>();
    properties.forEach((k, v) -> {
      if (k.startsWith(KeyCatalog.PREFIX) && !k.equals(lookupKey)) {
        out.put(k, v);
      }
    });
    return out;
  }
}
