package io.cacheman.internal.protocol;

import okio.Buffer;

/** {@code flush_all}: invalidates every item on the node; the reply is {@code OK}. */
public final class FlushAllCommand extends Command<Boolean> {
  private static final byte[] FLUSH_ALL = ascii("flush_all\r\n");
  private static final byte[] OK = ascii("OK");

  @Override
  public String name() {
    return "flush_all";
  }

  @Override
  public void encode(Buffer sink) {
    sink.write(FLUSH_ALL);
  }

  @Override
  public boolean decode(ReplyReader reader) throws ProtocolException {
    int reply = oneLine(reader, OK);
    return reply == -2 ? false : reply == -1 || complete(Boolean.TRUE);
  }
}
