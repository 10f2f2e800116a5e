package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.store.ItemRead;
import io.cacheman.server.internal.store.MetaItem;
import io.cacheman.server.internal.store.MetaStore;
import io.cacheman.server.internal.store.MetaVisitor;

/**
 * {@code mg <key> <flags>*}: flags b c f h k l O q s t u v N R T (and P L), replies {@code VA}
 * (with v), {@code HD} or {@code EN}, plus the returned flags W (this client won the right to
 * recache: the miss it vivified with N, a TTL below R, or a stale item), Z (a win was already
 * handed out) and X (stale, after {@code md … I}).
 *
 * <p>The reply line is written while the item is locked ({@link MetaVisitor}), walking the flags
 * in request order as memcached does: {@code T} and {@code N} change the expiry where they stand,
 * so a {@code t} before them reports the old TTL; {@code h} and {@code l} report the item as it
 * was before this command's hit. A too-long opaque stops the command there, keeping what the flags
 * before it changed, and replies with the error alone.
 */
final class MetaGet extends MetaCommand implements MetaVisitor {
  private long mark;

  MetaGet(MetaCommands meta) {
    super(meta);
  }

  void run(int n) {
    if (!begin(n, MetaWords.MG_FLAGS_TOO_LONG, null)) {
      return;
    }
    mark = h.out.mark();
    ItemRead read = flags.value ? h.read : null;
    int found = h.store.meta().get(flags.key, flags.keyOff, flags.keyLen, flags.vivify,
        flags.keyBinary, !flags.noUpdate, meta.view, this, read);
    if (found == MetaStore.STOPPED) {
      h.out.reset(mark);
      meta.fail(MetaWords.OPAQUE_TOO_LONG);
      return;
    }
    if (found == MetaStore.HIT) {
      if (flags.hasTtl) { // counted as memcached counts a hit that touched the TTL
        h.stats.cmdTouch.increment();
        h.stats.touchHits.increment();
      } else {
        h.stats.cmdGet.increment();
        h.stats.getHits.increment();
      }
      if (read != null) {
        RetrievalCommands.writeBlock(h.out, read);
      }
      return;
    }
    h.stats.cmdGet.increment();
    h.stats.getMisses.increment();
    if (!meta.echo.render(h.line, 2, flags, flags.keyBinary, false)) {
      meta.fail(MetaWords.OPAQUE_TOO_LONG);
      return;
    }
    meta.reply(MetaWords.EN, flags.noReply);
  }

  /** Writes the reply line for the item found or created; under its lock. */
  @Override
  public boolean visit(MetaItem item) {
    Output out = h.out;
    if (flags.value) {
      out.write(MetaWords.VA);
      out.writeUnsigned(item.valueLength());
    } else {
      out.write(MetaWords.HD);
    }
    boolean won = false;
    CommandLine line = h.line;
    byte[] b = line.buffer();
    for (int i = 2; i < line.count(); i++) {
      switch (b[line.start(i)]) {
        case 'T':
        case 'N':
          won |= applyExpiryFlag(b[line.start(i)], item);
          break;
        case 'R':
          won |= !item.winSent() && !item.created() && item.expiry() != 0
              && Integer.compareUnsigned(item.expiry(), flags.recacheExpiry) < 0;
          break;
        case 's':
          field(out, 's', item.valueLength());
          break;
        case 't':
          ttl(out, item.secondsLeft());
          break;
        case 'c':
          field(out, 'c', item.cas());
          break;
        case 'f':
          field(out, 'f', item.flags());
          break;
        case 'l':
          field(out, 'l', item.secondsSinceAccess());
          break;
        case 'h':
          field(out, 'h', item.fetched() ? 1 : 0);
          break;
        case 'O':
          if (!writeOpaque(out, line, i)) {
            return false;
          }
          break;
        case 'k':
          meta.echo.writeKey(out, flags, item.keyBinary());
          break;
        default:
          break;
      }
    }
    // Z before X before W, as memcached writes them (W never with Z)
    if (item.winSent()) {
      out.write(FLAG_Z);
    }
    if (item.stale()) {
      out.write(FLAG_X);
      won |= !item.winSent();
    }
    if (won) {
      out.write(FLAG_W);
      item.markWinSent();
    }
    out.write(Words.CRLF);
    return true;
  }

  private static final byte[] FLAG_Z = Words.ascii(" Z");
  private static final byte[] FLAG_X = Words.ascii(" X");
  private static final byte[] FLAG_W = Words.ascii(" W");

  /** Writes {@code " <flag><value>"}. */
  static void field(Output out, char flag, long value) {
    out.writeByte(' ');
    out.writeByte(flag);
    out.writeUnsigned(value);
  }

  /** Writes a {@code t} field: seconds left, or -1 for an item that never expires. */
  static void ttl(Output out, long secondsLeft) {
    if (secondsLeft < 0) {
      out.write(TTL_NEVER);
    } else {
      field(out, 't', secondsLeft);
    }
  }

  private static final byte[] TTL_NEVER = Words.ascii(" t-1");
}
