package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.store.MetaItem;
import io.cacheman.server.internal.store.MetaVisitor;
import io.cacheman.server.internal.store.StoreOutcome;

/**
 * {@code ma <key> <flags>*}: flags b C N J D T M q O t c v k (and P L); modes I or + (incr, the
 * default) and D or - (decr); replies {@code HD}, or {@code VA} with the new value (v), {@code NF},
 * {@code NS} or {@code EX}. With N a miss creates the item holding J (default 0) without applying
 * the delta.
 *
 * <p>As in memcached 1.6.18: {@code q} hides the reply of an applied delta, but not that of a
 * created item; the reply's fields are written in request order with the item locked, so {@code
 * T} before {@code t} shows the new TTL; a too-long opaque is found only then, so the delta stays
 * applied and the reply is the error.
 */
final class MetaArithmetic extends MetaCommand implements MetaVisitor {
  private final long[] value = new long[1];
  private boolean opaqueTooLong;

  MetaArithmetic(MetaCommands meta) {
    super(meta);
  }

  void run(int n) {
    // memcached's ma says "invalid or duplicate flag" whatever the flag error
    if (!begin(n, MetaWords.FLAGS_TOO_LONG, MetaWords.INVALID_OR_DUPLICATE)) {
      return;
    }
    boolean incr;
    switch (flags.mode) {
      case 0: case 'I': case '+':
        incr = true;
        break;
      case 'D': case '-':
        incr = false;
        break;
      default:
        meta.fail(MetaWords.MA_BAD_MODE);
        return;
    }
    long mark = h.out.mark();
    opaqueTooLong = false;
    StoreOutcome outcome = h.store.meta().arithmetic(flags.key, flags.keyOff, flags.keyLen, incr,
        flags.delta, flags.cas, flags.vivify, flags.initial, flags.keyBinary, meta.view, this,
        value);
    switch (outcome) {
      case OK:
      case STORED:
        if (opaqueTooLong) {
          h.out.reset(mark);
          meta.fail(MetaWords.OPAQUE_TOO_LONG);
        } else if (outcome == StoreOutcome.OK && flags.noReply) {
          h.out.reset(mark);
        }
        break;
      case NON_NUMERIC:
        meta.fail(Words.NON_NUMERIC);
        break;
      case NO_MEMORY:
        meta.fail(Words.NO_MEMORY_ARITHMETIC);
        break;
      case NOT_STORED:
        meta.fail(MetaWords.NEW_ITEM_NO_MEMORY);
        break;
      default: // NOT_FOUND, EXISTS: the opaque and key still come back
        if (!meta.echo.render(h.line, 2, flags, flags.keyBinary, false)) {
          meta.fail(MetaWords.OPAQUE_TOO_LONG);
        } else {
          meta.reply(outcome == StoreOutcome.NOT_FOUND ? MetaWords.NF : MetaWords.EX, false);
        }
    }
  }

  /** Writes the reply for the updated or created item; under its lock. */
  @Override
  public boolean visit(MetaItem item) {
    Output out = h.out;
    int digits = Long.toUnsignedString(value[0]).length();
    if (flags.value) {
      out.write(MetaWords.VA);
      out.writeUnsigned(digits);
    } else {
      out.write(MetaWords.HD);
    }
    CommandLine line = h.line;
    byte[] b = line.buffer();
    for (int i = 2; i < line.count(); i++) {
      switch (b[line.start(i)]) {
        case 'c':
          MetaGet.field(out, 'c', item.cas());
          break;
        case 't':
          MetaGet.ttl(out, item.secondsLeft());
          break;
        case 'T':
        case 'N':
          applyExpiryFlag(b[line.start(i)], item);
          break;
        case 'O':
          if (!writeOpaque(out, line, i)) {
            opaqueTooLong = true;
            return false;
          }
          break;
        case 'k':
          meta.echo.writeKey(out, flags, flags.keyBinary);
          break;
        default:
          break;
      }
    }
    if (flags.value) {
      out.write(Words.CRLF);
      out.writeUnsigned(value[0]);
    }
    out.write(Words.CRLF);
    return true;
  }
}
