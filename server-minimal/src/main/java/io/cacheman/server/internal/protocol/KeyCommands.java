package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.store.CNumbers;
import io.cacheman.server.internal.store.StoreOutcome;

/**
 * {@code delete}, {@code incr}/{@code decr} and {@code touch}, as memcached 1.6 parses them.
 * {@code noreply} suppresses every reply, error lines included, as in memcached.
 */
final class KeyCommands {
  private final ProtocolHandler h;

  KeyCommands(ProtocolHandler handler) {
    this.h = handler;
  }

  /** {@code delete <key> [0] [noreply]}: the legacy hold time is accepted only as 0. */
  void delete(boolean arityOk) {
    if (!arityOk) {
      h.error();
      return;
    }
    CommandLine line = h.line;
    int n = line.count();
    boolean noreply = false;
    if (n > 2) {
      boolean holdIsZero = line.is(2, Words.ZERO);
      noreply = line.lastIsNoreply();
      boolean valid = (n == 3 && (holdIsZero || noreply)) || (n == 4 && holdIsZero && noreply);
      if (!valid) {
        h.fail(Words.BAD_DELETE, noreply);
        return;
      }
    }
    if (!validKey(noreply)) {
      return;
    }
    boolean deleted = h.store.delete(line.buffer(), line.start(1), line.length(1));
    h.reply(deleted ? Words.DELETED : Words.NOT_FOUND, noreply);
  }

  /** {@code incr|decr <key> <delta> [noreply]}. */
  void arithmetic(boolean arityOk, boolean incr) {
    if (!arityOk) {
      h.error();
      return;
    }
    CommandLine line = h.line;
    byte[] buf = line.buffer();
    boolean noreply = line.lastIsNoreply();
    if (!validKey(noreply)) {
      return;
    }
    long[] num = h.number;
    if (!CNumbers.parseUnsigned64(buf, line.start(2), line.end(2), num)) {
      h.fail(Words.BAD_DELTA, noreply);
      return;
    }
    StoreOutcome outcome =
        h.store.arithmetic(buf, line.start(1), line.length(1), incr, num[0], num);
    if (outcome == StoreOutcome.NON_NUMERIC) {
      h.fail(Words.NON_NUMERIC, noreply);
    } else if (outcome == StoreOutcome.NO_MEMORY) {
      h.fail(Words.NO_MEMORY_ARITHMETIC, noreply);
    } else if (outcome == StoreOutcome.NOT_FOUND) {
      h.reply(Words.NOT_FOUND, noreply);
    } else if (!noreply) {
      h.out.writeUnsigned(num[0]);
      h.out.write(Words.CRLF);
    }
  }

  /** {@code touch <key> <exptime> [noreply]}. */
  void touch(boolean arityOk) {
    if (!arityOk) {
      h.error();
      return;
    }
    CommandLine line = h.line;
    byte[] buf = line.buffer();
    boolean noreply = line.lastIsNoreply();
    if (!validKey(noreply)) {
      return;
    }
    if (!CNumbers.parseSigned32(buf, line.start(2), line.end(2), h.number)) {
      h.fail(Words.BAD_EXPTIME, noreply);
      return;
    }
    h.stats.cmdTouch.increment();
    boolean touched =
        h.store.touch(buf, line.start(1), line.length(1), h.store.expiry(h.number[0]));
    h.reply(touched ? Words.TOUCHED : Words.NOT_FOUND, noreply);
  }

  private boolean validKey(boolean noreply) {
    CommandLine line = h.line;
    if (Keys.valid(line.buffer(), line.start(1), line.length(1))) {
      return true;
    }
    h.stats.protocolErrors.increment();
    h.fail(Words.BAD_FORMAT, noreply);
    return false;
  }
}
