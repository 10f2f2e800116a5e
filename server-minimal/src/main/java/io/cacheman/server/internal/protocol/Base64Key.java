package io.cacheman.server.internal.protocol;

/**
 * Base64 for meta keys ({@code b} flag), byte for byte as memcached 1.6's {@code base64.c} (after
 * Jouni Malinen's) does it, leniencies included: bytes outside the alphabet are skipped, the
 * number of alphabet bytes must be a non-zero multiple of 4, and decoding stops after the first
 * block holding padding ({@code QQ==QUJD} decodes to {@code A}). Keys echoed by a {@code k} flag
 * are encoded with padding and no line breaks.
 */
final class Base64Key {
  private static final byte[] ALPHABET =
      Words.ascii("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
  private static final int INVALID = 0x80;
  private static final byte[] DECODE = new byte[256];

  static {
    java.util.Arrays.fill(DECODE, (byte) INVALID);
    for (int i = 0; i < ALPHABET.length; i++) {
      DECODE[ALPHABET[i]] = (byte) i;
    }
    DECODE['='] = 0;
  }

  private Base64Key() {}

  /** Decodes {@code src[off, off + len)} into {@code out} (room for len bytes); 0 on failure. */
  static int decode(byte[] src, int off, int len, byte[] out) {
    int count = 0;
    for (int i = off; i < off + len; i++) {
      count += (DECODE[src[i] & 0xff] & 0xff) != INVALID ? 1 : 0;
    }
    if (count == 0 || count % 4 != 0) {
      return 0;
    }
    int pos = 0;
    int pad = 0;
    int[] block = new int[4]; // a meta key is decoded once per command: not worth a field
    count = 0;
    for (int i = off; i < off + len; i++) {
      int d = DECODE[src[i] & 0xff] & 0xff;
      if (d == INVALID) {
        continue;
      }
      pad += src[i] == '=' ? 1 : 0;
      block[count++] = d;
      if (count == 4) {
        out[pos++] = (byte) ((block[0] << 2) | (block[1] >> 4));
        out[pos++] = (byte) ((block[1] << 4) | (block[2] >> 2));
        out[pos++] = (byte) ((block[2] << 6) | block[3]);
        count = 0;
        if (pad > 0) {
          if (pad > 2) {
            return 0; // invalid padding
          }
          pos -= pad;
          break;
        }
      }
    }
    return pos;
  }

  /** Bytes {@link #encode} writes for a key of {@code len} bytes. */
  static int encodedLength(int len) {
    return (len + 2) / 3 * 4;
  }

  /** Writes {@code key[off, off + len)} encoded at {@code dst[at]}; returns the end position. */
  static int encode(byte[] key, int off, int len, byte[] dst, int at) {
    int i = off;
    int end = off + len;
    int p = at;
    for (; end - i >= 3; i += 3) {
      dst[p++] = ALPHABET[(key[i] & 0xff) >> 2];
      dst[p++] = ALPHABET[((key[i] & 0x03) << 4) | ((key[i + 1] & 0xff) >> 4)];
      dst[p++] = ALPHABET[((key[i + 1] & 0x0f) << 2) | ((key[i + 2] & 0xff) >> 6)];
      dst[p++] = ALPHABET[key[i + 2] & 0x3f];
    }
    if (end - i == 1) {
      dst[p++] = ALPHABET[(key[i] & 0xff) >> 2];
      dst[p++] = ALPHABET[(key[i] & 0x03) << 4];
      dst[p++] = '=';
      dst[p++] = '=';
    } else if (end - i == 2) {
      dst[p++] = ALPHABET[(key[i] & 0xff) >> 2];
      dst[p++] = ALPHABET[((key[i] & 0x03) << 4) | ((key[i + 1] & 0xff) >> 4)];
      dst[p++] = ALPHABET[(key[i + 1] & 0x0f) << 2];
      dst[p++] = '=';
    }
    return p;
  }
}
