package io.cacheman.spring;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.config.ConfigException;
import io.cacheman.config.ConfigLoader;
import io.cacheman.config.internal.KeyCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Where the client's settings come from in a Spring application, in this order:
 * <ol>
 *   <li>{@code cacheman.config}: a {@code cacheman.properties} file ({@code classpath:} for a
 *       resource); a file is watched for changes as {@code Cacheman.open(path)} watches it;
 *   <li>the {@code cacheman.*} properties of the Environment ({@code application.properties},
 *       YAML, profiles, system properties, environment variables such as {@code CACHEMAN_NODES}),
 *       read as strings and checked by sdk-config as the lines of a file would be, so an error
 *       names the key and value in the same words, and the file and line they came from;
 *   <li>neither: {@code cacheman.properties} found as {@code Cacheman.open()} finds it.
 * </ol>
 * Keys under {@code cacheman.spring.} are the starter's own ({@link SpringCacheSettings}).
 */
final class ClientSettings {
  static final String CONFIG = "cacheman.config";
  static final String SPRING_PREFIX = "cacheman.spring.";
  private static final String CLASSPATH = "classpath:";

  private ClientSettings() {}

  /** Opens the client the Environment describes. */
  static Cache<Object> open(ConfigurableEnvironment environment) {
    EnvironmentProperties properties = new EnvironmentProperties(environment);
    Map<String, String> settings = clientSettings(properties);
    String file = environment.getProperty(CONFIG);
    if (file != null && !file.isBlank()) {
      refuseBoth(properties, settings, file.strip());
      return fromFile(file.strip());
    }
    if (settings.isEmpty()) {
      try {
        return Cacheman.open();
      } catch (ConfigException e) {
        throw e.key() != null ? e : new ConfigException(e.source(), e.line(), null, null, e.reason()
            + "; or set cacheman.nodes in the application's properties");
      }
    }
    try {
      // Opening can fail too: a dns: name that finds no node; it is named where it was written.
      return Cacheman.open(ConfigLoader.parse(settings, "Spring Environment"));
    } catch (ConfigException e) {
      throw properties.locate(e);
    }
  }

  /** The Environment's {@code cacheman.*} settings for the client, the starter's own and the lookup key left out. */
  static Map<String, String> clientSettings(EnvironmentProperties properties) {
    Map<String, String> settings = new TreeMap<>();
    for (KeyCatalog.Setting setting : KeyCatalog.all()) {
      String value = properties.value(setting.key()); // also finds CACHEMAN_NODES and friends
      if (value != null) {
        settings.put(setting.key(), value);
      }
    }
    for (String name : properties.names()) { // unknown keys too: they get sdk-config's "did you mean"
      if (!name.equals(CONFIG) && !name.startsWith(SPRING_PREFIX) && !settings.containsKey(name)) {
        settings.put(name, properties.value(name));
      }
    }
    return settings;
  }

  private static void refuseBoth(EnvironmentProperties properties, Map<String, String> settings, String file) {
    Set<String> ignored = new TreeSet<>();
    for (String key : settings.keySet()) {
      if (!properties.isSystemProperty(key)) { // those override the file, as they do for Cacheman.open()
        ignored.add(key);
      }
    }
    if (!ignored.isEmpty()) {
      String first = ignored.iterator().next();
      ConfigException e = new ConfigException("Spring Environment", 0, first, settings.get(first),
          "is set, and so is " + CONFIG + " = " + file + ", whose settings would win: keep one of the two");
      throw properties.locate(e);
    }
  }

  private static Cache<Object> fromFile(String location) {
    if (!location.startsWith(CLASSPATH)) {
      return Cacheman.open(Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location));
    }
    String name = location.substring(CLASSPATH.length());
    ClassPathResource resource = new ClassPathResource(name.startsWith("/") ? name.substring(1) : name);
    try (InputStream in = resource.getInputStream()) {
      // A resource inside a jar cannot change: read once, not watched.
      return Cacheman.open(ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), location));
    } catch (IOException e) {
      throw new ConfigException(CONFIG, 0, CONFIG, location, "names a class path resource that cannot be read ("
          + e.getMessage() + ")", e);
    }
  }
}
