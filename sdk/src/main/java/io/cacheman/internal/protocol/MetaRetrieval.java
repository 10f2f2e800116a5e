package io.cacheman.internal.protocol;

import okio.Buffer;

/**
 * The meta form of the retrieval commands (memcached {@code protocol.txt} "Meta Get"): one key is
 * {@code mg <key> v f}, answered {@code VA <bytes> f<flags>} and the value, or {@code EN}; several
 * keys go as quiet {@code mg}s, each carrying its index as its opaque, closed by {@code mn}, so a
 * miss costs no reply at all and the hits name their key's place.
 */
final class MetaRetrieval {
  static final byte[] VA = Command.ascii("VA ");
  static final byte[] EN = Command.ascii("EN");
  static final byte[] MN = Command.ascii("MN");
  private static final byte[] MG = Command.ascii("mg ");
  private static final byte[] VALUE_AND_FLAGS = Command.ascii(" v f");
  private static final byte[] WITH_CAS = Command.ascii(" c");
  private static final byte[] QUIET_OPAQUE = Command.ascii(" q O");
  private static final byte[] NOOP = Command.ascii("mn\r\n");

  private MetaRetrieval() {}

  /** @param exptime the new lifetime of a touching read, or -1 for a plain read */
  static void encode(Buffer sink, byte[][] keys, boolean withCas, long exptime) {
    for (int i = 0; i < keys.length; i++) {
      sink.write(MG).write(keys[i]).write(VALUE_AND_FLAGS);
      if (withCas) {
        sink.write(WITH_CAS);
      }
      if (exptime >= 0) {
        sink.writeUtf8(" T").writeDecimalLong(exptime);
      }
      if (keys.length > 1) {
        sink.write(QUIET_OPAQUE).writeDecimalLong(i);
      }
      sink.write(Command.CRLF);
    }
    if (keys.length > 1) {
      sink.write(NOOP);
    }
  }
}
