package io.cacheman.internal.protocol;

import okio.Buffer;

/** {@code touch <key> <exptime>} → {@code TOUCHED} (true) or {@code NOT_FOUND} (false). */
public final class TouchCommand extends Command<Boolean> {
  private static final byte[] TOUCH = ascii("touch ");
  private static final byte[] TOUCHED = ascii("TOUCHED");
  private static final byte[] NOT_FOUND = ascii("NOT_FOUND");

  private final byte[] key;
  private final long exptime;
  private long lifetimeCap;

  /** Gives {@code key} (encoded, valid) the new {@code exptime}. */
  public TouchCommand(byte[] key, long exptime) {
    this.key = key;
    this.exptime = exptime;
  }

  @Override
  public String name() {
    return "touch";
  }

  @Override
  public void capLifetime(long maxSeconds) {
    lifetimeCap = maxSeconds;
  }

  @Override
  public void encode(Buffer sink) {
    sink.write(TOUCH).write(key).writeByte(' ').writeDecimalLong(Lifetime.capped(exptime, lifetimeCap)).write(CRLF);
  }

  @Override
  public boolean decode(ReplyReader reader) throws ProtocolException {
    int reply = oneLine(reader, TOUCHED, NOT_FOUND);
    return reply == -2 ? false : reply == -1 || complete(reply == 0);
  }
}
