package io.cacheman.reliability.workload;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * Values that prove where they came from: {@code key|seq|padding|crc}, where {@code crc} is the
 * CRC32 (8 hex digits) of everything before it. A value read back can then be checked for the
 * two failures a cache must never show: a value of another key, and bytes that changed.
 *
 * <pre>{@code
 * byte[] v = CheckedValue.encode("user:7", 42, 100);
 * CheckedValue.Decoded d = CheckedValue.decode(v);   // d.key() = "user:7", d.seq() = 42
 * }</pre>
 *
 * <p>Keys may contain {@code |}: the fields are parsed from the right. Stateless, thread-safe.
 */
public final class CheckedValue {
  private static final int CRC_DIGITS = 8;
  private static final byte[] PAD = "abcdefghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.US_ASCII);

  private CheckedValue() {}

  /** What a read value turned out to hold. */
  public enum Verdict {
    /** Intact, and for the key that was asked for. */
    OK,
    /** Intact, but written for another key. */
    WRONG_KEY,
    /** Its checksum or layout does not match: the bytes changed (or were never a checked value). */
    CORRUPTED
  }

  /** An intact value's origin. */
  public record Decoded(String key, long seq) {}

  /**
   * A value for {@code key} with sequence number {@code seq}, padded with random letters to about
   * {@code size} bytes (never shorter than the header and checksum need).
   */
  public static byte[] encode(String key, long seq, int size) {
    StringBuilder body = new StringBuilder(Math.max(size, key.length() + 32));
    body.append(key).append('|').append(seq).append('|');
    int padding = Math.max(0, size - body.length() - 1 - CRC_DIGITS);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < padding; i++) {
      body.append((char) PAD[random.nextInt(PAD.length)]);
    }
    byte[] head = body.toString().getBytes(StandardCharsets.UTF_8);
    String crc = String.format("%08x", crc(head, head.length));
    byte[] value = new byte[head.length + 1 + CRC_DIGITS];
    System.arraycopy(head, 0, value, 0, head.length);
    value[head.length] = '|';
    System.arraycopy(crc.getBytes(StandardCharsets.US_ASCII), 0, value, head.length + 1, CRC_DIGITS);
    return value;
  }

  /** The value's origin, or {@code null} when it is corrupted. */
  public static Decoded decode(byte[] value) {
    if (value == null || value.length < CRC_DIGITS + 4) {
      return null;
    }
    int bodyEnd = value.length - CRC_DIGITS - 1;
    if (value[bodyEnd] != '|') {
      return null;
    }
    String crc = new String(value, bodyEnd + 1, CRC_DIGITS, StandardCharsets.US_ASCII);
    if (!crc.equals(String.format("%08x", crc(value, bodyEnd)))) {
      return null;
    }
    String body = new String(value, 0, bodyEnd, StandardCharsets.UTF_8);
    int padStart = body.lastIndexOf('|');
    int seqStart = padStart <= 0 ? -1 : body.lastIndexOf('|', padStart - 1);
    if (seqStart < 0) {
      return null;
    }
    try {
      return new Decoded(body.substring(0, seqStart), Long.parseLong(body.substring(seqStart + 1, padStart)));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Checks a value read for {@code key}. */
  public static Verdict check(String key, byte[] value) {
    Decoded d = decode(value);
    if (d == null) {
      return Verdict.CORRUPTED;
    }
    return d.key().equals(key) ? Verdict.OK : Verdict.WRONG_KEY;
  }

  private static long crc(byte[] bytes, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, length);
    return crc.getValue();
  }
}
