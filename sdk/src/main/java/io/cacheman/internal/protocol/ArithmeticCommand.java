package io.cacheman.internal.protocol;

import okio.Buffer;

/**
 * {@code incr}/{@code decr <key> <delta>} (memcached {@code protocol.txt} "Increment/Decrement"):
 * the new value as an unsigned 64-bit decimal, or {@code NOT_FOUND} (a null result).
 */
public final class ArithmeticCommand extends Command<Long> {
  private static final byte[] INCR = ascii("incr ");
  private static final byte[] DECR = ascii("decr ");
  private static final byte[] NOT_FOUND = ascii("NOT_FOUND");

  private final boolean increment;
  private final byte[] key;
  private final long delta;

  /** {@code incr} (or, if not {@code increment}, {@code decr}) of {@code key} by the unsigned 64-bit {@code delta}. */
  public ArithmeticCommand(boolean increment, byte[] key, long delta) {
    this.increment = increment;
    this.key = key;
    this.delta = delta;
  }

  @Override
  public String name() {
    return increment ? "incr" : "decr";
  }

  @Override
  public void encode(Buffer sink) {
    sink.write(increment ? INCR : DECR).write(key).writeByte(' ');
    writeUnsigned(sink, delta);
    sink.write(CRLF);
  }

  @Override
  public boolean decode(ReplyReader reader) throws ProtocolException {
    if (!reader.readLine()) {
      return false;
    }
    if (reader.lineIs(NOT_FOUND)) {
      return complete(null);
    }
    if (errorLine(reader)) {
      return true;
    }
    long value;
    try {
      value = reader.nextNumber(-1);
      reader.expectLineEnd();
    } catch (ProtocolException e) {
      throw unexpected(reader);
    }
    return complete(value);
  }
}
