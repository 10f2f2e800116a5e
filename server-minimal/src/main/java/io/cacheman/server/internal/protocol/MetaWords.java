package io.cacheman.server.internal.protocol;

import static io.cacheman.server.internal.protocol.Words.ascii;

/** Reply codes and error lines of memcached 1.6.18's meta commands, as bytes. */
final class MetaWords {
  static final byte[] HD = ascii("HD");
  static final byte[] VA = ascii("VA ");
  static final byte[] EN = ascii("EN");
  static final byte[] NF = ascii("NF");
  static final byte[] NS = ascii("NS");
  static final byte[] EX = ascii("EX");
  static final byte[] ME = ascii("ME ");
  static final byte[] MN = ascii("MN\r\n");
  static final byte[] EN_LINE = ascii("EN\r\n");

  static final byte[] DUPLICATE_FLAG = ascii("CLIENT_ERROR duplicate flag\r\n");
  static final byte[] INVALID_FLAG = ascii("CLIENT_ERROR invalid flag\r\n");
  static final byte[] BAD_KEY_ENCODING = ascii("CLIENT_ERROR error decoding key\r\n");
  static final byte[] BAD_TOKEN = ascii("CLIENT_ERROR bad token in command line format\r\n");
  static final byte[] BAD_M_LENGTH = ascii("CLIENT_ERROR incorrect length for M token\r\n");
  static final byte[] BAD_INITIAL = ascii("CLIENT_ERROR invalid numeric initial value\r\n");
  static final byte[] BAD_DELTA = ascii("CLIENT_ERROR invalid numeric delta value\r\n");
  static final byte[] OPAQUE_TOO_LONG = ascii("CLIENT_ERROR opaque token too long\r\n");
  /** {@code mg} says "are too long", the others "too long". */
  static final byte[] MG_FLAGS_TOO_LONG = ascii("CLIENT_ERROR options flags are too long\r\n");
  static final byte[] FLAGS_TOO_LONG = ascii("CLIENT_ERROR options flags too long\r\n");
  /** {@code md} and {@code ma} answer every flag error with this line. */
  static final byte[] INVALID_OR_DUPLICATE = ascii("CLIENT_ERROR invalid or duplicate flag\r\n");
  static final byte[] MS_BAD_MODE = ascii("CLIENT_ERROR invalid mode for ms M token\r\n");
  static final byte[] MA_BAD_MODE = ascii("CLIENT_ERROR invalid mode for ma M token\r\n");
  static final byte[] NEW_ITEM_NO_MEMORY =
      ascii("SERVER_ERROR Out of memory allocating new item\r\n");

  private MetaWords() {}
}
