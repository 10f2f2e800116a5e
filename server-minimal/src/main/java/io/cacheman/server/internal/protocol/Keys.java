package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.store.Items;

/** Key rules: 1 to 250 bytes, none of them a control character (stricter than memcached). */
final class Keys {
  private Keys() {}

  static boolean valid(byte[] buf, int off, int len) {
    if (len < 1 || len > Items.MAX_KEY_LENGTH) {
      return false;
    }
    for (int i = off, end = off + len; i < end; i++) {
      byte b = buf[i];
      if ((b >= 0 && b <= ' ') || b == 0x7f) {
        return false;
      }
    }
    return true;
  }
}
