package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.store.StoreOutcome;

/**
 * {@code md <key> <flags>*}: flags b C I k O q T (and P L); replies {@code HD}, {@code NF} or
 * {@code EX} with the {@code O} and {@code k} fields. With {@code I} the item is marked stale (a
 * new cas, the win token taken back, with {@code T} a new TTL) instead of deleted, so readers get
 * it with X and one of them W. {@code q} hides {@code HD} only.
 */
final class MetaDelete extends MetaCommand {

  MetaDelete(MetaCommands meta) {
    super(meta);
  }

  void run(int n) {
    if (!begin(n, MetaWords.FLAGS_TOO_LONG, MetaWords.INVALID_OR_DUPLICATE)) {
      return; // memcached's md says "invalid or duplicate flag" whatever the flag error
    }
    if (!meta.echo.render(h.line, 2, flags, flags.keyBinary, false)) {
      meta.fail(MetaWords.OPAQUE_TOO_LONG);
      return;
    }
    StoreOutcome outcome = h.store.meta().delete(flags.key, flags.keyOff, flags.keyLen,
        flags.hasCas, flags.cas, flags.invalidate, flags.hasTtl, flags.ttlExpiry);
    if (outcome == StoreOutcome.OK) {
      meta.reply(MetaWords.HD, flags.noReply);
    } else {
      meta.reply(outcome == StoreOutcome.NOT_FOUND ? MetaWords.NF : MetaWords.EX, false);
    }
  }
}
