package io.cacheman.internal.protocol;

import okio.Buffer;

/** {@code delete <key>} → {@code DELETED} (true) or {@code NOT_FOUND} (false). */
public final class DeleteCommand extends Command<Boolean> {
  private static final byte[] DELETE = ascii("delete ");
  private static final byte[] DELETED = ascii("DELETED");
  private static final byte[] NOT_FOUND = ascii("NOT_FOUND");

  private final byte[] key;

  /** Deletes {@code key} (encoded, valid). */
  public DeleteCommand(byte[] key) {
    this.key = key;
  }

  @Override
  public String name() {
    return "delete";
  }

  @Override
  public void encode(Buffer sink) {
    sink.write(DELETE).write(key).write(CRLF);
  }

  @Override
  public boolean decode(ReplyReader reader) throws ProtocolException {
    int reply = oneLine(reader, DELETED, NOT_FOUND);
    return reply == -2 ? false : reply == -1 || complete(reply == 0);
  }
}
