package io.cacheman.server;

import picocli.CommandLine;

/** Parses memcached-style sizes: bytes, or a number with a k or m (or g) suffix. */
final class SizeConverter implements CommandLine.ITypeConverter<Integer> {
  /** A size as the user would write it: {@code 512k}, {@code 1m}, or bytes. */
  static String describe(long bytes) {
    if (bytes % (1 << 20) == 0) {
      return (bytes >> 20) + "m";
    }
    return bytes % 1024 == 0 ? (bytes >> 10) + "k" : Long.toString(bytes);
  }

  @Override
  public Integer convert(String value) {
    String v = value.trim().toLowerCase();
    long unit = 1;
    if (v.endsWith("k") || v.endsWith("m") || v.endsWith("g")) {
      char suffix = v.charAt(v.length() - 1);
      unit = suffix == 'k' ? 1L << 10 : suffix == 'm' ? 1L << 20 : 1L << 30;
      v = v.substring(0, v.length() - 1);
    }
    try {
      long bytes = Math.multiplyExact(Long.parseLong(v), unit);
      if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return (int) bytes;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a size (bytes, or a number with a k or m suffix)");
    }
  }
}
