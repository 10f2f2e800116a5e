package io.cacheman.internal.transcode;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.cacheman.CacheTranscodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;

/** Strict UTF-8 and decimal numbers as memcached stores them. */
final class Text {
  private Text() {}

  /** {@code data} as UTF-8; ASCII (the usual case) takes a plain copy. */
  static String decodeUtf8(byte[] data) {
    for (byte b : data) {
      if (b < 0) {
        return decodeNonAscii(data);
      }
    }
    return new String(data, ISO_8859_1); // ASCII is its own Latin-1: a straight copy
  }

  private static String decodeNonAscii(byte[] data) {
    try {
      return UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CacheTranscodingException("corrupt string value: its " + data.length + " bytes are not UTF-8", e);
    }
  }

  static byte[] decimal(long value) {
    return Long.toString(value).getBytes(ISO_8859_1);
  }

  /**
   * A decimal number. Trailing spaces are allowed: memcached pads a value in place when
   * {@code decr} shortens it. Above {@link Long#MAX_VALUE} (an unsigned 64-bit counter) the result
   * has the same 64 bits, as {@link Long#parseUnsignedLong} gives them.
   */
  static long parseDecimal(byte[] data, String type) {
    int end = data.length;
    while (end > 0 && data[end - 1] == ' ') {
      end--;
    }
    String digits = new String(data, 0, end, ISO_8859_1);
    try {
      return digits.startsWith("-") ? Long.parseLong(digits) : Long.parseUnsignedLong(digits);
    } catch (NumberFormatException e) {
      String shown = digits.length() > 40 ? digits.substring(0, 40) + "..." : digits;
      throw new CacheTranscodingException("corrupt " + type + " value: \"" + shown + "\" is not a decimal number");
    }
  }
}
