package io.cacheman.server.internal.protocol;

/** Scans of the read buffer. */
final class Bytes {
  private Bytes() {}

  /** True when {@code buf[i, limit)} starts with the ASCII {@code prefix}. */
  static boolean startsWith(byte[] buf, int i, int limit, String prefix) {
    if (limit - i < prefix.length()) {
      return false;
    }
    for (int k = 0; k < prefix.length(); k++) {
      if (buf[i + k] != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** The first {@code \n} in {@code buf[from, limit)}, or -1. */
  static int indexOfNewline(byte[] buf, int from, int limit) {
    for (int i = from; i < limit; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
