package io.cacheman.server.internal.store;

/**
 * Decimal parsing with the rules memcached gets from C's {@code strtoull}/{@code strtol} (its
 * {@code safe_strto*} helpers): leading white space is skipped, one sign is allowed, at least one
 * digit is required, and the digits may be followed only by the end of the token or white space.
 * Where memcached silently truncates a 64-bit result to 32 bits, these methods reject the value.
 *
 * <p>Each method parses {@code b[off, end)} and returns {@code false} for invalid input, leaving
 * the result in {@code out[0]}, so callers can reuse one {@code long[1]} and allocate nothing.
 */
public final class CNumbers {
  private static final long MAX_DIV_10 = Long.divideUnsigned(-1L, 10);
  private static final long MAX_MOD_10 = Long.remainderUnsigned(-1L, 10);

  private CNumbers() {}

  /** memcached's {@code safe_strtoull}: an unsigned 64-bit value; negative values are refused. */
  public static boolean parseUnsigned64(byte[] b, int off, int end, long[] out) {
    int i = skipSpace(b, off, end);
    boolean negative = false;
    if (i < end && (b[i] == '+' || b[i] == '-')) {
      negative = b[i] == '-';
      i++;
    }
    int digitsFrom = i;
    long value = 0;
    for (; i < end && isDigit(b[i]); i++) {
      int d = b[i] - '0';
      if (Long.compareUnsigned(value, MAX_DIV_10) > 0 || (value == MAX_DIV_10 && d > MAX_MOD_10)) {
        return false; // ERANGE
      }
      value = value * 10 + d;
    }
    if (i == digitsFrom || !endsWell(b, i, end)) {
      return false;
    }
    if (negative) {
      value = -value;
      // strtoull negates; memcached refuses a '-' only when the result looks negative as signed.
      if (value < 0) {
        return false;
      }
    }
    out[0] = value;
    return true;
  }

  /**
   * memcached's {@code safe_strtoul} for flags: an unsigned 32-bit value. memcached keeps only the
   * low 32 bits of a larger number; this refuses it.
   */
  public static boolean parseUnsigned32(byte[] b, int off, int end, long[] out) {
    if (!parseUnsigned64(b, off, end, out)) {
      return false;
    }
    return Long.compareUnsigned(out[0], 0xFFFF_FFFFL) <= 0;
  }

  /**
   * memcached's {@code safe_strtol} for exptime, lengths and delays: a signed 32-bit value.
   * memcached truncates a larger 64-bit number to 32 bits; this refuses it.
   */
  public static boolean parseSigned32(byte[] b, int off, int end, long[] out) {
    int i = skipSpace(b, off, end);
    boolean negative = false;
    if (i < end && (b[i] == '+' || b[i] == '-')) {
      negative = b[i] == '-';
      i++;
    }
    int digitsFrom = i;
    long value = 0;
    for (; i < end && isDigit(b[i]); i++) {
      value = value * 10 + (b[i] - '0');
      if (value > Integer.MAX_VALUE + 1L) {
        return false;
      }
    }
    if (i == digitsFrom || !endsWell(b, i, end)) {
      return false;
    }
    value = negative ? -value : value;
    if (value > Integer.MAX_VALUE) {
      return false;
    }
    out[0] = value;
    return true;
  }

  /** C's {@code isspace} in the "C" locale. */
  public static boolean isSpace(byte c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static int skipSpace(byte[] b, int i, int end) {
    while (i < end && isSpace(b[i])) {
      i++;
    }
    return i;
  }

  /** After the digits C accepts the end of the string (a NUL) or white space. */
  private static boolean endsWell(byte[] b, int i, int end) {
    return i == end || isSpace(b[i]) || b[i] == 0;
  }
}
