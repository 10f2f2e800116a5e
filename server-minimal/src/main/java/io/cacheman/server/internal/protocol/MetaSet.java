package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.store.CNumbers;
import io.cacheman.server.internal.store.ItemStore;
import io.cacheman.server.internal.store.StoreMode;
import io.cacheman.server.internal.store.StoreOutcome;

/**
 * {@code ms <key> <datalen> <flags>*} and its data block: flags b c C F I k O q T M (and P L),
 * modes E (add), A (append), P (prepend), R (replace), S (set, the default). As in memcached 1.6:
 * a {@code C} turns set and replace into a cas store (a non-zero one also guards append and
 * prepend; add ignores it); {@code I} with {@code C} accepts a cas below the item's, storing the
 * value as stale; replies are {@code HD}, {@code NS}, {@code EX} or {@code NF} with the {@code O},
 * {@code k} and {@code c} fields ({@code c0} unless stored), and {@code q} hides {@code HD}.
 *
 * <p>A refused line whose length token is valid has its data block swallowed, so the client
 * gets one reply. memcached swallows it too, except after a bad key or too many flags, where it
 * reads the block as a command (this node's stricter rule for storage commands, docs/server.md).
 */
final class MetaSet extends MetaCommand {
  private final long[] number = new long[1];
  private final long[] casOut = new long[1];
  private StoreMode mode;
  private long cas;
  private boolean invalidate;
  private boolean quiet;

  MetaSet(MetaCommands meta) {
    super(meta);
  }

  void start(int n) {
    if (n < 2) {
      h.error();
      return;
    }
    CommandLine line = h.line;
    long length = n >= 3 ? length(line) : -1;
    if (!Keys.valid(line.buffer(), line.start(1), line.length(1))) {
      refuse(Words.BAD_FORMAT, length);
      return;
    }
    if (n == 2 || length < 0 && n <= MetaCommands.MAX_TOKENS) {
      meta.fail(Words.BAD_FORMAT); // no length: nothing to swallow
      return;
    }
    if (n > MetaCommands.MAX_TOKENS) {
      refuse(MetaWords.FLAGS_TOO_LONG, length);
      return;
    }
    if (!flags.parse(line, 3, h.store)) {
      refuse(flags.error, length);
      return;
    }
    if (!meta.echo.render(line, 3, flags, flags.keyBinary, true)) {
      refuse(MetaWords.OPAQUE_TOO_LONG, length);
      return;
    }
    mode = mode(flags.mode);
    if (mode == null) {
      refuse(MetaWords.MS_BAD_MODE, length);
      return;
    }
    if (flags.hasCas && (mode == StoreMode.SET || mode == StoreMode.REPLACE)) {
      mode = StoreMode.CAS;
    }
    cas = flags.cas;
    invalidate = flags.invalidate && mode == StoreMode.CAS;
    quiet = flags.noReply;
    int item = h.storage().reserve(mode, flags.key, flags.keyOff, flags.keyLen,
        flags.clientFlags, flags.ttlExpiry, length, false, true);
    if (item == ItemStore.NONE) {
      return;
    }
    if (flags.keyBinary) {
      h.store.markKeyBinary(item);
    }
    h.storage().expectMeta(this, item);
  }

  /** The data block has arrived, its {@code \r\n} included. */
  void complete(int item) {
    h.stats.cmdSet.increment();
    if (!h.store.endsWithCrlf(item)) {
      h.store.abandon(item);
      h.storage().unpin();
      meta.fail(Words.BAD_CHUNK);
      return;
    }
    StoreOutcome outcome;
    try {
      outcome = h.store.store(mode, item, cas, invalidate, casOut);
    } finally {
      h.storage().unpin();
    }
    if (outcome == StoreOutcome.STORED && quiet) {
      return;
    }
    h.out.write(codeFor(outcome));
    meta.echo.writeTo(h.out, outcome == StoreOutcome.STORED ? casOut[0] : 0);
    h.out.write(Words.CRLF);
  }

  /** The length token, or -1 when memcached would refuse it. */
  private long length(CommandLine line) {
    if (CNumbers.parseSigned32(line.buffer(), line.start(2), line.end(2), number)
        && number[0] >= 0 && number[0] <= Integer.MAX_VALUE - 2) {
      return number[0];
    }
    return -1;
  }

  private void refuse(byte[] error, long length) {
    meta.fail(error);
    if (length >= 0) {
      h.swallow(length + 2);
    }
  }

  private static StoreMode mode(byte m) {
    switch (m) {
      case 0:
      case 'S':
        return StoreMode.SET;
      case 'E':
        return StoreMode.ADD;
      case 'A':
        return StoreMode.APPEND;
      case 'P':
        return StoreMode.PREPEND;
      case 'R':
        return StoreMode.REPLACE;
      default:
        return null;
    }
  }

  private static byte[] codeFor(StoreOutcome outcome) {
    switch (outcome) {
      case STORED:
        return MetaWords.HD;
      case EXISTS:
        return MetaWords.EX;
      case NOT_FOUND:
        return MetaWords.NF;
      default:
        return MetaWords.NS;
    }
  }
}
