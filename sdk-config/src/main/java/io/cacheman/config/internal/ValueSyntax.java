package io.cacheman.config.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How setting values are written: durations, byte sizes, whole numbers and enum names. Every
 * {@code parse*} method throws {@link InvalidValueException} saying what it expected, and every
 * {@code format*} method writes a value its {@code parse*} twin reads back unchanged.
 */
public final class ValueSyntax {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Zµ]+)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([a-zA-Z]*)");
  private static final String DURATION_HINT = "expected a duration such as 250ms, 2s, 1m, 1h or PT0.5S";

  /** Units from the largest down; {@link #formatDuration} picks the first that divides exactly. */
  private enum TimeUnit {
    D(86_400_000_000_000L), H(3_600_000_000_000L), M(60_000_000_000L), S(1_000_000_000L),
    MS(1_000_000L), US(1_000L), NS(1L);

    final long nanos;

    TimeUnit(long nanos) {
      this.nanos = nanos;
    }

    String suffix() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private ValueSyntax() {}

  /** {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, {@code 1h}, {@code 1d}, ISO-8601 ({@code PT0.5S}), or {@code 0}. */
  public static Duration parseDuration(String text) {
    String s = text.strip();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.startsWith("P") || s.startsWith("p") || s.startsWith("-P") || s.startsWith("-p")) {
      try {
        return Duration.parse(s);
      } catch (DateTimeParseException e) {
        throw new InvalidValueException(DURATION_HINT);
      }
    }
    if (s.matches("\\d+(\\.\\d+)?")) {
      throw new InvalidValueException("a duration needs a unit: write " + s + "ms, " + s + "s or " + s + "m");
    }
    Matcher m = DURATION.matcher(s);
    if (!m.matches()) {
      throw new InvalidValueException(DURATION_HINT);
    }
    TimeUnit unit = timeUnit(m.group(2));
    BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit.nanos));
    try {
      BigInteger whole = nanos.toBigIntegerExact();
      BigInteger[] secondsAndNanos = whole.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
      return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValue());
    } catch (ArithmeticException e) {
      throw new InvalidValueException("a duration must be a whole number of nanoseconds and at most "
          + Long.MAX_VALUE + " seconds");
    }
  }

  private static TimeUnit timeUnit(String suffix) {
    String u = suffix.toLowerCase(Locale.ROOT);
    if (u.equals("µs")) {
      return TimeUnit.US;
    }
    for (TimeUnit unit : TimeUnit.values()) {
      if (unit.suffix().equals(u)) {
        return unit;
      }
    }
    throw new InvalidValueException("unknown time unit \"" + suffix + "\": use ns, us, ms, s, m, h or d");
  }

  /** The shortest exact form: {@code 0s}, {@code 250ms}, {@code 2s}, {@code 90s}, {@code 1h}; ISO-8601 when nothing shorter fits. */
  public static String formatDuration(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.isNegative()) {
      return d.toString();
    }
    BigInteger nanos = BigInteger.valueOf(d.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
        .add(BigInteger.valueOf(d.getNano()));
    for (TimeUnit unit : TimeUnit.values()) {
      BigInteger[] qr = nanos.divideAndRemainder(BigInteger.valueOf(unit.nanos));
      if (qr[1].signum() == 0) {
        return qr[0] + unit.suffix();
      }
    }
    throw new AssertionError("the nanosecond unit divides everything");
  }

  /** Bytes: {@code 16384}, {@code 16k}, {@code 16KiB}, {@code 1m}, {@code 1MiB} (all powers of 1024). */
  public static int parseSize(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new InvalidValueException("expected a size in bytes such as 16384, 16k or 1MiB");
    }
    long multiplier = switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "", "b" -> 1L;
      case "k", "kb", "kib" -> 1024L;
      case "m", "mb", "mib" -> 1024L * 1024;
      default -> throw new InvalidValueException(
          "unknown size unit \"" + m.group(2) + "\": use k (KiB) or m (MiB), or plain bytes");
    };
    try {
      long bytes = Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
      if (bytes > Integer.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return (int) bytes;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new InvalidValueException("a size must be at most " + Integer.MAX_VALUE + " bytes");
    }
  }

  /** {@code 1MiB}, {@code 16KiB}, or plain bytes when not a whole number of KiB. */
  public static String formatSize(int bytes) {
    if (bytes != 0 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + "MiB";
    }
    if (bytes != 0 && bytes % 1024 == 0) {
      return bytes / 1024 + "KiB";
    }
    return Integer.toString(bytes);
  }

  /** A whole number in {@code int} range (its allowed range is the builder's to check). */
  public static int parseInt(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidValueException("expected a whole number");
    }
  }

  /** An enum constant by its name, ignoring case, with {@code -} and {@code _} equivalent: {@code fail-fast}, {@code FAIL_FAST}. */
  public static <E extends Enum<E>> E parseEnum(Class<E> type, String text) {
    String wanted = text.strip().replace('-', '_').toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) {
        return constant;
      }
    }
    throw new InvalidValueException("expected " + choices(type));
  }

  /** The name a setting file uses for {@code constant}: lower case with dashes, {@code fail-fast}. */
  public static String formatEnum(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** {@code modulo or ketama}; {@code a, b or c}. */
  public static <E extends Enum<E>> String choices(Class<E> type) {
    String[] names = Arrays.stream(type.getEnumConstants()).map(ValueSyntax::formatEnum).toArray(String[]::new);
    if (names.length == 1) {
      return names[0];
    }
    return Arrays.stream(names, 0, names.length - 1).collect(Collectors.joining(", "))
        + " or " + names[names.length - 1];
  }

  /** {@code true} or {@code false}, ignoring case. */
  public static boolean parseBoolean(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (!s.equals("true") && !s.equals("false")) {
      throw new InvalidValueException("expected true or false");
    }
    return s.equals("true");
  }

  /** A file's path, relative to the working directory unless absolute; empty = none ({@code null}). */
  public static Path parsePath(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      return null;
    }
    try {
      return Path.of(s);
    } catch (InvalidPathException e) {
      throw new InvalidValueException("expected a file's path (" + e.getReason() + ")");
    }
  }

  /** What {@link #parsePath} reads back: the path, or empty for none. */
  public static String formatPath(Optional<Path> path) {
    return path.map(Path::toString).orElse("");
  }

  /** Names separated by commas; empty = none. */
  public static List<String> parseList(String text) {
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
