package io.cacheman.spring;

import io.cacheman.config.ConfigException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The {@code cacheman.*} properties of a Spring Environment as strings, and where each was written.
 *
 * <p>Names are taken as written: relaxed forms ({@code cacheman.operationTimeout}) are not mapped
 * to keys but reported as unknown, with the key meant as a hint, as in {@code cacheman.properties}.
 * A YAML list ({@code cacheman.nodes[0]}, {@code [1]} …) reads as one comma-separated value.
 * Environment variables are found by key ({@link #value}) but not listed: their names do not say
 * which key they meant.
 */
final class EnvironmentProperties {
  private static final String PREFIX = "cacheman.";
  private static final Pattern INDEXED = Pattern.compile("(.+)\\[(\\d+)]");

  private final ConfigurableEnvironment environment;
  /** Each name as written, by the key it sets (list elements under the list's key). */
  private final Map<String, Set<String>> written = new TreeMap<>();

  EnvironmentProperties(ConfigurableEnvironment environment) {
    this.environment = environment;
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (source instanceof EnumerablePropertySource<?> enumerable
          && !source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
        for (String name : enumerable.getPropertyNames()) {
          if (name.startsWith(PREFIX)) {
            Matcher m = INDEXED.matcher(name);
            written.computeIfAbsent(m.matches() ? m.group(1) : name, k -> new TreeSet<>()).add(name);
          }
        }
      }
    }
  }

  /** The keys written in the Environment's listable sources. */
  Set<String> names() {
    return written.keySet();
  }

  /** The value of {@code key} with Spring's precedence, a list joined with commas; null when unset. */
  String value(String key) {
    String value = environment.getProperty(key);
    if (value != null) {
      return value;
    }
    StringBuilder list = new StringBuilder();
    for (int i = 0; environment.containsProperty(key + "[" + i + "]"); i++) {
      list.append(i == 0 ? "" : ",").append(environment.getProperty(key + "[" + i + "]"));
    }
    return list.length() == 0 ? null : list.toString();
  }

  /** Whether {@code key} comes from a {@code -D} system property. */
  boolean isSystemProperty(String key) {
    PropertySource<?> system = environment.getPropertySources()
        .get(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    return system != null && system.containsProperty(key);
  }

  /**
   * {@code e} told where its key was written: {@code class path resource [application.properties]
   * line 3}, or the name of the property source ({@code systemProperties}, a test's inlined
   * properties) when it has no lines.
   */
  ConfigException locate(ConfigException e) {
    if (e.key() == null) {
      return e;
    }
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
        continue; // Spring Boot's view of all the others, with no origin of its own
      }
      for (String name : written.getOrDefault(e.key(), Set.of(e.key()))) {
        if (source.containsProperty(name)) {
          Origin origin = OriginLookup.getOrigin(source, name);
          if (origin instanceof TextResourceOrigin text && text.getResource() != null && text.getLocation() != null) {
            return e.relocate(text.getResource().getDescription(), text.getLocation().getLine() + 1, e.value());
          }
          return e.relocate(source.getName(), 0, e.value());
        }
      }
    }
    return e;
  }
}
