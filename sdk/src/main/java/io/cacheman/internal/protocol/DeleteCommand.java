package io.cacheman.internal.protocol;

import okio.Buffer;

/**
 * {@code delete <key>} → {@code DELETED} (true) or {@code NOT_FOUND} (false); in the meta protocol
 * {@code md <key>} → {@code HD} or {@code NF}. An invalidation ({@link #invalidate}) is
 * {@code md <key> I T<grace>}: the value stays, marked stale, for one caller to reload while the
 * others are served it; a node that speaks only text deletes the value instead.
 */
public final class DeleteCommand extends Command<Boolean> {
  private static final byte[] DELETE = ascii("delete ");
  private static final byte[] DELETED = ascii("DELETED");
  private static final byte[] NOT_FOUND = ascii("NOT_FOUND");
  private static final byte[] MD = ascii("md ");
  private static final byte[] HD = ascii("HD");
  private static final byte[] NF = ascii("NF");

  private final byte[] key;
  private final long staleSeconds;
  private boolean meta;

  /** Deletes {@code key} (encoded, valid). */
  public DeleteCommand(byte[] key) {
    this(key, 0);
  }

  private DeleteCommand(byte[] key, long staleSeconds) {
    this.key = key;
    this.staleSeconds = staleSeconds;
  }

  /** Marks {@code key} stale for {@code graceSeconds} (meta), or deletes it (text). */
  public static DeleteCommand invalidate(byte[] key, long graceSeconds) {
    return new DeleteCommand(key, graceSeconds);
  }

  @Override
  public String name() {
    return staleSeconds > 0 ? "invalidate" : "delete";
  }

  @Override
  public void useMeta(boolean on) {
    meta = on;
  }

  @Override
  public void encode(Buffer sink) {
    if (!meta) {
      sink.write(DELETE).write(key).write(CRLF);
      return;
    }
    sink.write(MD).write(key);
    if (staleSeconds > 0) {
      sink.writeUtf8(" I T").writeDecimalLong(staleSeconds);
    }
    sink.write(CRLF);
  }

  @Override
  public boolean decode(ReplyReader reader) throws ProtocolException {
    int reply = meta ? oneLine(reader, HD, NF) : oneLine(reader, DELETED, NOT_FOUND);
    return reply == -2 ? false : reply == -1 || complete(reply == 0);
  }
}
