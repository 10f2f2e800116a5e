package io.cacheman.config;

import io.cacheman.config.internal.ConfigBinder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code cacheman.properties} into a {@link CachemanConfig}.
 *
 * <p>{@link #load()} looks in this order and takes the first it finds:
 * <ol>
 *   <li>the file named by the system property {@code cacheman.config};
 *   <li>the file named by the environment variable {@code CACHEMAN_CONFIG};
 *   <li>{@code cacheman.properties} on the classpath (thread context class loader);
 *   <li>{@code ./cacheman.properties} in the working directory.
 * </ol>
 * {@link #load(Path)} reads a file the application names. With both, a system property
 * {@code -Dcacheman.<key>=value} overrides the file's value of {@code cacheman.<key>}.
 *
 * <p>Every problem is a {@link ConfigException} that names the file, line, key and value; an
 * unknown {@code cacheman.*} key gets the nearest valid key as a hint. Keys outside
 * {@code cacheman.} are ignored, so the file can be shared with other libraries. The key list is in
 * {@code docs/config.md}.
 *
 * <p>Thread-safe: the methods are static and keep no state.
 */
public final class ConfigLoader {
  private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

  static final String FILE_NAME = "cacheman.properties";
  static final String CONFIG_PROPERTY = "cacheman.config";
  static final String CONFIG_ENV = "CACHEMAN_CONFIG";
  static final String CLASSPATH_SOURCE = "classpath:" + FILE_NAME;
  /** A settings file is a few hundred bytes; anything this large is the wrong file. */
  static final int MAX_FILE_BYTES = 1024 * 1024;

  private final Map<String, String> systemProperties;
  private final Function<String, String> environment;
  private final ClassLoader classLoader;
  private final Path workingDirectory;

  /** A loader over explicit surroundings, so tests need not touch the process's own. */
  ConfigLoader(Map<String, String> systemProperties, Function<String, String> environment,
      ClassLoader classLoader, Path workingDirectory) {
    this.systemProperties = Map.copyOf(systemProperties);
    this.environment = Objects.requireNonNull(environment, "environment");
    this.classLoader = classLoader;
    this.workingDirectory = workingDirectory;
  }

  private static ConfigLoader ofThisProcess() {
    Map<String, String> props = new HashMap<>();
    System.getProperties().stringPropertyNames().forEach(k -> props.put(k, System.getProperty(k)));
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return new ConfigLoader(props, System::getenv,
        loader != null ? loader : ConfigLoader.class.getClassLoader(), Path.of(""));
  }

  /**
   * The config from the first {@code cacheman.properties} of the lookup order, with system
   * property overrides applied.
   *
   * @throws ConfigException when no file is found (the message lists where it looked) or a setting is invalid
   */
  public static CachemanConfig load() {
    return ofThisProcess().find();
  }

  /**
   * The file {@link #load()} would read, as an absolute path, or empty when it would read
   * {@code cacheman.properties} from the classpath (a resource that is not watched for changes).
   *
   * @throws ConfigException when no file is found, as {@link #load()} does
   */
  public static Optional<Path> locate() {
    return Optional.ofNullable(ofThisProcess().locateSource().file());
  }

  /**
   * The config in {@code file}, with system property overrides applied.
   *
   * @throws ConfigException when the file cannot be read or a setting is invalid
   */
  public static CachemanConfig load(Path file) {
    return ofThisProcess().fromFile(file);
  }

  /**
   * The config that {@code text} (in {@code .properties} syntax) describes; system properties are
   * not consulted.
   *
   * @param sourceName names the text in error messages
   * @throws ConfigException when a setting is missing, unknown or invalid
   */
  public static CachemanConfig parse(String text, String sourceName) {
    return parse(text, sourceName, Map.of());
  }

  /**
   * The config that {@code settings} describe: full {@code cacheman.*} keys with their values as a
   * file would write them, such as the {@code cacheman.*} properties of another framework's
   * configuration. They go through the same checks as a file, so an error names the key and value in
   * the same words; keys outside {@code cacheman.} are ignored and system properties are not consulted.
   *
   * @param sourceName names the settings in error messages
   * @throws ConfigException when a setting is missing, unknown or invalid
   */
  public static CachemanConfig parse(Map<String, String> settings, String sourceName) {
    return ConfigBinder.bind(sourceName, settings);
  }

  /** As {@link #parse(String, String)}, with {@code overrides} (full {@code cacheman.*} keys) replacing the text's values. */
  static CachemanConfig parse(String text, String sourceName, Map<String, String> overrides) {
    return ConfigBinder.bind(sourceName, text, overrides);
  }

  CachemanConfig find() {
    Found found = locateSource();
    if (found.file() == null) {
      log.debug("Reading Cacheman settings from {}", found.resource());
      return parse(readResource(found.resource()), CLASSPATH_SOURCE, overrides());
    }
    return fromFile(found.file());
  }

  /** Where {@link #find()} reads from: a file, or (when {@code file} is null) a classpath resource. */
  record Found(Path file, URL resource) {}

  Found locateSource() {
    String fromProperty = systemProperties.get(CONFIG_PROPERTY);
    if (fromProperty != null && !fromProperty.isBlank()) {
      return new Found(namedFile(fromProperty.strip(), "system property", CONFIG_PROPERTY), null);
    }
    String fromEnv = environment.apply(CONFIG_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new Found(namedFile(fromEnv.strip(), "environment variable", CONFIG_ENV), null);
    }
    URL resource = classLoader == null ? null : classLoader.getResource(FILE_NAME);
    if (resource != null) {
      return new Found(null, resource);
    }
    Path local = workingDirectory.resolve(FILE_NAME).toAbsolutePath().normalize();
    if (Files.isRegularFile(local)) {
      return new Found(local, null);
    }
    throw new ConfigException(FILE_NAME, 0, null, null, "not found: looked at system property " + CONFIG_PROPERTY
        + " (not set), environment variable " + CONFIG_ENV + " (not set), " + CLASSPATH_SOURCE
        + " (absent) and " + local + " (absent)");
  }

  private Path namedFile(String name, String how, String variable) {
    Path file = workingDirectory.resolve(name).toAbsolutePath().normalize();
    if (!Files.exists(file)) {
      throw new ConfigException(how, 0, variable, name, "names a file that does not exist (" + file + ")");
    }
    return file;
  }

  CachemanConfig fromFile(Path file) {
    Path absolute = workingDirectory.resolve(file).toAbsolutePath().normalize();
    String source = absolute.toString();
    log.debug("Reading Cacheman settings from {}", source);
    return parse(readFile(absolute, source), source, overrides());
  }

  private Map<String, String> overrides() {
    return ConfigBinder.overridesFrom(systemProperties, CONFIG_PROPERTY);
  }

  private static String readFile(Path file, String source) {
    if (Files.isDirectory(file)) {
      throw new ConfigException(source, 0, null, null, "is a directory, not a settings file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return decode(in.readNBytes(MAX_FILE_BYTES + 1), source);
    } catch (NoSuchFileException e) {
      throw new ConfigException(source, 0, null, null, "does not exist", e);
    } catch (AccessDeniedException e) {
      throw new ConfigException(source, 0, null, null, "cannot be read: permission denied", e);
    } catch (IOException e) {
      throw new ConfigException(source, 0, null, null, "cannot be read: " + e, e);
    }
  }

  private static String readResource(URL resource) {
    try (InputStream in = resource.openStream()) {
      return decode(in.readNBytes(MAX_FILE_BYTES + 1), CLASSPATH_SOURCE);
    } catch (IOException e) {
      throw new ConfigException(CLASSPATH_SOURCE, 0, null, null, "cannot be read (" + resource + "): " + e, e);
    }
  }

  private static String decode(byte[] bytes, String source) {
    if (bytes.length > MAX_FILE_BYTES) {
      throw new ConfigException(source, 0, null, null,
          "is larger than " + MAX_FILE_BYTES / 1024 + " KiB, which is not a settings file");
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text; // editors on Windows add a byte order mark
    } catch (CharacterCodingException e) {
      throw new ConfigException(source, 0, null, null, "is not UTF-8 text", e);
    }
  }
}
