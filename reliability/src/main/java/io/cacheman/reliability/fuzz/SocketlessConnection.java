package io.cacheman.reliability.fuzz;

import io.cacheman.server.internal.protocol.ProtocolHandler;
import io.cacheman.server.internal.store.ItemStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Drives a {@link CommandPath} the way server-minimal's {@code Connection} does, without a socket:
 * each read is appended to the bytes still unconsumed, the path consumes what it can, its replies
 * are written out (here into a {@link ReplyChecker}) and it is called again while it makes
 * progress; a partial line is moved to the front of the buffer for the next read; once the path
 * asks to close, the rest of the stream is never read. After every call it checks the invariants
 * that must hold between commands, and at the end those that must hold once the connection is
 * gone.
 *
 * <p>Invariants: replies are well-formed and end at a reply boundary after every call; the
 * store's reserved and stored bytes never exceed its limit; a partial line never holds more than
 * {@link ProtocolHandler#MAX_GET_LINE} bytes; once released, no reservation remains, and the
 * store's counters agree with a walk of its tables (after a full expiry sweep too).
 */
final class SocketlessConnection {
  private final ItemStore store;
  private final CommandPath path;
  private final ReplyChecker replies = new ReplyChecker(SmallNode.MAX_ITEM_SIZE);
  private final byte[] buf;
  private final ByteBuffer scratch;
  private final long[] written = new long[1];
  private int filled;
  private int parsePos;
  private boolean closed;

  /**
   * @param buffer room for a partial line of {@link ProtocolHandler#MAX_GET_LINE} bytes plus the
   *     largest read
   * @param scratch the buffer replies are written through, as the event loop's
   */
  SocketlessConnection(SmallNode node, CommandPath path, byte[] buffer, ByteBuffer scratch) {
    this.store = node.store();
    this.path = path;
    this.buf = buffer;
    this.scratch = scratch;
  }

  /** Sends the input's stream in the given reads, closes, and returns what came out. */
  Transcript run(FuzzedInput input, FuzzedInput.Reads reads) {
    byte[] stream = input.stream();
    int at = input.streamFrom();
    long before = AllocationMeter.allocatedSoFar();
    while (at < stream.length && !closed) {
      int n = reads.next(stream.length - at);
      receive(stream, at, n);
      at += n;
    }
    long allocated = AllocationMeter.allocatedSoFar() - before;
    release();
    return new Transcript(replies.bytes(), replies.crc(), closed, replies.counts(), allocated);
  }

  /** One read: parse, answer, repeat while the path makes progress; keep a partial line. */
  private void receive(byte[] src, int off, int n) {
    System.arraycopy(src, off, buf, filled, n);
    filled += n;
    while (true) {
      int from = parsePos;
      parsePos = path.process(buf, from, filled);
      if (parsePos < from || parsePos > filled) {
        throw new InvariantViolation("process(buf, " + from + ", " + filled + ") returned " + parsePos);
      }
      flush();
      checkBetweenCommands();
      if (path.closeRequested()) {
        closed = true;
        return;
      }
      if (parsePos == filled) {
        parsePos = 0;
        filled = 0;
        break;
      }
      if (parsePos == from) {
        keepPartialLine();
        break;
      }
    }
  }

  /** An incomplete line waits for the next read, moved to the front as Connection does. */
  private void keepPartialLine() {
    int pending = filled - parsePos;
    if (pending > ProtocolHandler.MAX_GET_LINE) {
      throw new InvariantViolation("a partial line of " + pending + " bytes is kept, over the "
          + ProtocolHandler.MAX_GET_LINE + "-byte cap on a get line");
    }
    System.arraycopy(buf, parsePos, buf, 0, pending);
    filled = pending;
    parsePos = 0;
  }

  private void flush() {
    try {
      if (!path.output().flushTo(replies, scratch, written)) {
        throw new InvariantViolation("the reply queue did not drain into a sink that takes everything");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the reply checker never fails a write", e);
    }
  }

  private void checkBetweenCommands() {
    replies.checkBoundary();
    if (store.usedBytes() > SmallNode.LIMIT_BYTES) {
      throw new InvariantViolation("the store counts " + store.usedBytes()
          + " bytes against its limit of " + SmallNode.LIMIT_BYTES);
    }
  }

  /** The connection is gone: nothing may stay reserved, and the books must balance. */
  private void release() {
    path.release();
    checkBooks("after the connection closed");
    store.sweep(0, 1, Integer.MAX_VALUE);
    checkBooks("after an expiry sweep");
  }

  private void checkBooks(String when) {
    long bytes = store.bytes();
    long[] scan = store.scan();
    if (store.usedBytes() != bytes) {
      throw new InvariantViolation(when + ", " + store.usedBytes() + " bytes are counted against "
          + "the limit but items hold " + bytes + ": a reservation outlived its connection");
    }
    if (scan[0] != store.itemCount() || scan[1] != bytes || scan[2] != scan[0]) {
      throw new InvariantViolation(when + ", the store counts " + store.itemCount() + " items of "
          + bytes + " bytes, but its tables hold " + scan[0] + " items of " + scan[1]
          + " bytes and its recency queues " + scan[2] + " items");
    }
    if (bytes > SmallNode.LIMIT_BYTES) {
      throw new InvariantViolation(when + ", the store holds " + bytes + " bytes, over its limit of "
          + SmallNode.LIMIT_BYTES);
    }
  }
}
