package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.store.ItemRead;
import io.cacheman.server.internal.store.ItemStore;
import io.cacheman.server.internal.store.StoreMode;
import io.cacheman.server.internal.stats.ServerStats;

/**
 * One connection's side of the memcached text protocol: finds command lines in the read buffer,
 * executes them and writes replies to the connection's {@link Output}. Incremental: it consumes
 * what it can and returns, keeping partial lines in the caller's buffer and copying data blocks
 * straight into the item being stored.
 *
 * <p>Line rules follow memcached 1.6: a line ends at {@code \n}, with an optional {@code \r}
 * before it; more than {@value #MAX_LINE} bytes without a line end close the connection, except
 * that {@code get}, {@code gets}, {@code gat} and {@code gats} lines are read key by key as they
 * arrive ({@link RetrievalCommands}), so they may be of any length. A connection whose first byte
 * is the binary protocol's magic is answered with a binary error and closed ({@link
 * BinaryRefusal}).
 *
 * <p>Before each command, and each key of a retrieval, it asks whether the connection may take
 * more replies ({@link #mayContinue}); when not, it stops and the connection stops reading until
 * its client has read what is queued (backpressure).
 *
 * <p>Not thread-safe: each connection owns one, used by its event loop thread only.
 */
public final class ProtocolHandler {
  static final int MAX_LINE = 2048;
  public static final int MAX_GET_LINE = 64 * 1024;
  /** A command whose line or data block takes longer than this to arrive closes the connection. */
  public static final int DATA_TIMEOUT_SECONDS = 30;
  /** Stop executing commands while this many reply bytes (copied or referenced) are queued. */
  public static final long BACKLOG_LIMIT = 4L << 20;
  /** Stop executing commands while the replies queued hold this much heap. */
  public static final long HEAP_LIMIT = 128L << 10;
  private static final int LINE = 0;
  private static final int DATA = 1;
  private static final int SWALLOW = 2;
  private static final int KEYS = 3;

  final NodeContext node;
  final ItemStore store;
  final ServerStats stats;
  final Output out;
  final CommandLine line = new CommandLine();
  final long[] number = new long[1];
  /** Where reads land; one per connection, reused. */
  final ItemRead read = new ItemRead();
  private final StorageCommands storage;
  private final RetrievalCommands retrieval;
  private final KeyCommands keys;
  private final AdminCommands admin;
  private final MetaCommands meta;
  /** memcached's {@code -Y} gate until the connection authenticates; null without {@code -Y}. */
  private final AuthGate gate;

  private int state = LINE;
  private int scanned;
  private long swallowLeft;
  private int item = ItemStore.NONE;
  private int itemPos;
  private int itemLength;
  private boolean closeRequested;
  private boolean started;
  private boolean binaryRefused;
  private long completed;

  public ProtocolHandler(NodeContext node, Output out) {
    this.node = node;
    this.store = node.store;
    this.stats = node.stats;
    this.out = out;
    out.releaseWith(store::release);
    this.storage = new StorageCommands(this);
    this.retrieval = new RetrievalCommands(this);
    this.keys = new KeyCommands(this);
    this.admin = new AdminCommands(this);
    this.meta = new MetaCommands(this);
    this.gate = node.credentials == null ? null : new AuthGate(this, node.credentials);
  }

  /**
   * Consumes commands from {@code buf[pos, limit)} and returns the position of the first byte not
   * consumed (the start of an incomplete line). Returns early when the connection must close or
   * too many reply bytes are waiting.
   */
  public int process(byte[] buf, int pos, int limit) {
    if (!started && pos < limit) {
      if (buf[pos] == BinaryRefusal.MAGIC && limit - pos < BinaryRefusal.HEADER) {
        return pos; // the rest of the header (sent with it by every client) is on its way
      }
      started = true;
      if (buf[pos] == BinaryRefusal.MAGIC) {
        BinaryRefusal.answer(out, buf, pos, limit);
        binaryRefused = true;
        closeRequested = true;
        return limit;
      }
    }
    if (gate != null && !gate.authenticated()) {
      pos = gate.process(buf, pos, limit);
      if (!gate.authenticated()) {
        return pos;
      }
    }
    while (pos < limit && !closeRequested && mayContinue()) {
      if (state == DATA) {
        pos = fillItem(buf, pos, limit);
      } else if (state == SWALLOW) {
        int n = (int) Math.min(swallowLeft, limit - pos);
        pos += n;
        swallowLeft -= n;
        if (swallowLeft == 0) {
          state = LINE;
          completed++;
        }
      } else if (state == KEYS) {
        int next = retrieval.keys(buf, pos, limit);
        if (retrieval.done()) {
          state = LINE;
          completed++;
        } else if (next == pos) {
          return pos; // a key still arriving, or paused for the client to read
        }
        pos = next;
      } else {
        int nl = Bytes.indexOfNewline(buf, pos + scanned, limit);
        int next = retrieval.begin(buf, pos, limit, nl, MAX_LINE);
        if (next >= 0) {
          scanned = 0;
          state = KEYS;
          pos = next;
          continue;
        }
        if (nl < 0) {
          scanned = limit - pos;
          return incompleteLine(pos, limit);
        }
        scanned = 0;
        int end = nl - pos > 1 && buf[nl - 1] == '\r' ? nl - 1 : nl;
        execute(buf, pos, end);
        if (state == LINE) {
          completed++;
        }
        pos = nl + 1;
      }
    }
    return pos;
  }

  /**
   * True while the connection may run another command: fewer than {@link #BACKLOG_LIMIT} reply
   * bytes queued, and its heap within {@link #HEAP_LIMIT} and the event loop's budget (or none
   * held at all). See {@link Output#mayTakeMore}.
   */
  public boolean mayContinue() {
    return out.pending() < BACKLOG_LIMIT && out.mayTakeMore(HEAP_LIMIT);
  }

  /** True when the connection was refused for speaking the binary protocol. */
  public boolean binaryRefused() {
    return binaryRefused;
  }

  /** True while a command has started but not completed (a partial line or data block). */
  public boolean inCommand(boolean bytesBuffered) {
    return state != LINE || bytesBuffered || (gate != null && gate.inCommand());
  }

  /** Number of commands completed so far; deadlines restart when it moves. */
  public long completedCommands() {
    return completed;
  }

  /** True once the connection must be closed (after its queued replies are written). */
  public boolean closeRequested() {
    return closeRequested;
  }

  /**
   * The connection is gone: gives back the memory reserved for a data block that will never
   * complete, and the items its unsent replies point into.
   */
  public void release() {
    if (item != ItemStore.NONE) {
      store.abandon(item);
      item = ItemStore.NONE;
    }
    storage.unpin();
    out.discard();
  }

  StorageCommands storage() {
    return storage;
  }

  void commandCompleted() {
    completed++;
  }

  void requestClose() {
    closeRequested = true;
  }

  /** Continues by copying the coming data block (value and {@code \r\n}) into {@code item}. */
  void expectData(int item) {
    this.item = item;
    this.itemPos = 0;
    this.itemLength = store.blockLength(item);
    this.state = DATA;
  }

  /** Continues by discarding the next {@code bytes} bytes. */
  void swallow(long bytes) {
    this.swallowLeft = bytes;
    this.state = SWALLOW;
  }

  /**
   * Writes an outcome reply ({@code STORED}, {@code DELETED}, {@code OK}…) unless the command
   * asked for {@code noreply}. Error lines go through {@link #fail} instead.
   */
  void reply(byte[] reply, boolean noreply) {
    if (!noreply) {
      out.write(reply);
    }
  }

  /** Writes an error line unless the command asked for {@code noreply}; see {@link NoreplyErrors}. */
  void fail(byte[] errorLine, boolean noreply) {
    if (noreply) {
      NoreplyErrors.refused(stats, errorLine);
    } else {
      out.write(errorLine);
    }
  }

  private int fillItem(byte[] buf, int pos, int limit) {
    int n = Math.min(itemLength - itemPos, limit - pos);
    store.fill(item, itemPos, buf, pos, n);
    itemPos += n;
    if (itemPos == itemLength) {
      int filled = item;
      item = ItemStore.NONE;
      state = LINE;
      completed++;
      storage.complete(filled);
    }
    return pos + n;
  }

  /** A line still without its end: more than memcached's limit (not a get) closes. */
  private int incompleteLine(int pos, int limit) {
    if (limit - pos > MAX_LINE) {
      stats.protocolErrors.increment();
      closeRequested = true;
      return limit;
    }
    return pos;
  }

  private void tooLong() {
    stats.protocolErrors.increment();
    out.write(Words.LINE_TOO_LONG);
    closeRequested = true;
  }

  private void execute(byte[] buf, int from, int to) {
    if (to - from > MAX_GET_LINE) {
      tooLong();
      return;
    }
    line.tokenize(buf, from, to);
    int n = line.count();
    if (n == 0 || line.length(0) < 2) {
      error();
      return;
    }
    if (line.is(0, Words.GET) || line.is(0, Words.GETS) || line.is(0, Words.GAT)
        || line.is(0, Words.GATS)) {
      error(); // only "get" alone gets here: with a key, it is read as a retrieval
    } else if (line.is(0, Words.SET)) {
      storage.start(n == 5 || n == 6, StoreMode.SET);
    } else if (line.length(0) == 2 && line.buffer()[line.start(0)] == 'm') {
      meta.dispatch(n); // memcached's meta commands are exactly the two-byte names m?
    } else if (line.is(0, Words.DELETE)) {
      keys.delete(n >= 2 && n <= 4);
    } else if (line.is(0, Words.INCR) || line.is(0, Words.DECR)) {
      keys.arithmetic(n == 3 || n == 4, line.is(0, Words.INCR));
    } else if (line.is(0, Words.TOUCH)) {
      keys.touch(n == 3 || n == 4);
    } else if (!storage.dispatch(n) && !admin.dispatch(n)) {
      unknown();
    }
  }

  /** memcached closes on anything that looks like an HTTP request, and answers ERROR otherwise. */
  private void unknown() {
    int last = Math.min(line.count(), CommandLine.MAX_TOKENS) - 1;
    byte[] buf = line.buffer();
    if (line.length(last) >= Words.HTTP.length
        && Bytes.startsWith(buf, line.start(last), line.end(last), "HTTP/")) {
      stats.protocolErrors.increment();
      closeRequested = true;
      return;
    }
    error();
  }

  void error() {
    out.write(Words.ERROR);
  }
}
