package io.cacheman.config;

/**
 * A setting is missing, unknown or invalid, or no configuration file was found.
 *
 * <p>The message is one sentence that names where the setting came from, the line, the key and
 * the value, for example:
 *
 * <pre>
 * /etc/app/cacheman.properties line 7: cacheman.hashing = "ketma" is not valid: expected modulo or ketama
 * /etc/app/cacheman.properties line 3: unknown key cacheman.conections-per-node (did you mean cacheman.connections-per-node?)
 * </pre>
 *
 * <p>The parts are also available one by one, for tools that point at the offending line.
 */
public class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** {@link #source()} of settings made in code through {@link CachemanConfig#builder()}. */
  public static final String BUILDER_SOURCE = "CachemanConfig.Builder";

  private final String source;
  private final int line;
  private final String key;
  private final String value;
  private final String reason;
  private final boolean unknownKey;

  /**
   * An error about one setting; the message reads {@code source line N: key = "value" reason}.
   *
   * @param source where the setting came from: a file path, {@code classpath:cacheman.properties},
   *     {@code system property}, or {@link #BUILDER_SOURCE}
   * @param line the 1-based line of the setting, or 0 when there is none
   * @param key the {@code cacheman.*} key, or {@code null} when the error is not about one key
   * @param value the value as written, or {@code null} when there is none
   * @param reason what is wrong, continuing the sentence: {@code "is not valid: expected 1..64"}
   */
  public ConfigException(String source, int line, String key, String value, String reason) {
    this(source, line, key, value, reason, null);
  }

  /** As {@link #ConfigException(String, int, String, String, String)}, keeping the I/O error that caused it. */
  public ConfigException(String source, int line, String key, String value, String reason, Throwable cause) {
    this(source, line, key, value, reason, false, cause);
  }

  private ConfigException(
      String source, int line, String key, String value, String reason, boolean unknownKey, Throwable cause) {
    super(message(source, line, key, value, reason, unknownKey), cause);
    this.source = source;
    this.line = line;
    this.key = key;
    this.value = value;
    this.reason = reason;
    this.unknownKey = unknownKey;
  }

  /**
   * A key under {@code cacheman.} that no setting has; the message reads
   * {@code source line N: unknown key cacheman.x (did you mean cacheman.y?)}.
   *
   * @param suggestion the nearest valid key, or {@code null} when none is close
   */
  public static ConfigException unknownKey(String source, int line, String key, String value, String suggestion) {
    String reason = suggestion == null
        ? "(it is not a Cacheman setting; see docs/config.md)"
        : "(did you mean " + suggestion + "?)";
    return new ConfigException(source, line, key, value, reason, true, null);
  }

  /** This error as if the setting had been read from {@code otherSource} at {@code otherLine}, written as {@code otherValue}. */
  public ConfigException relocate(String otherSource, int otherLine, String otherValue) {
    return new ConfigException(otherSource, otherLine, key, otherValue, reason, unknownKey, getCause());
  }

  /** Where the setting came from: a file path, {@code classpath:cacheman.properties}, {@code system property}, ... */
  public String source() {
    return source;
  }

  /** The 1-based line of the setting in {@link #source()}, or 0 when there is none. */
  public int line() {
    return line;
  }

  /** The key, or {@code null} when the error is not about one key (no file found, a syntax error). */
  public String key() {
    return key;
  }

  /** The value as written, or {@code null} when there is none. */
  public String value() {
    return value;
  }

  /** What is wrong, without the location: the end of the message's sentence. */
  public String reason() {
    return reason;
  }

  private static String message(
      String source, int line, String key, String value, String reason, boolean unknownKey) {
    String location = line > 0 ? source + " line " + line : source;
    if (unknownKey) {
      return location + ": unknown key " + key + " " + reason;
    }
    if (key == null) {
      return location + ": " + reason;
    }
    return location + ": " + key + (value == null ? " " : " = \"" + printable(value) + "\" ") + reason;
  }

  /** The value with control characters escaped and its length capped, so a message stays one readable line. */
  private static String printable(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), 120) + 8);
    for (int i = 0; i < value.length(); i++) {
      if (out.length() >= 120) {
        return out.append("...").toString();
      }
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
