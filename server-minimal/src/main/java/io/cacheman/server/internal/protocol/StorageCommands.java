package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.store.CNumbers;
import io.cacheman.server.internal.store.ItemStore;
import io.cacheman.server.internal.store.StoreMode;
import io.cacheman.server.internal.store.StoreOutcome;

/**
 * {@code set}, {@code add}, {@code replace}, {@code append}, {@code prepend} and {@code cas}:
 * {@code <cmd> <key> <flags> <exptime> <bytes> [<cas unique>] [noreply]} followed by a data block.
 *
 * <p>Replies and checks follow memcached 1.6's {@code process_update_command}, with one stricter
 * rule: when the command line is refused but its length field was valid, the data block is
 * swallowed, so the client gets exactly one reply (memcached answers {@code ERROR} to the data).
 * {@code noreply} suppresses every reply, error lines included, as in memcached.
 *
 * <p>An update of an existing value ({@code replace}, {@code append}, {@code prepend}, {@code
 * cas}) pins that value ({@link ItemStore#pin}) from the command line until the store is done,
 * so finding memory for the new item can never evict the old one: the update either succeeds or
 * leaves the old value as it was, as in memcached.
 */
final class StorageCommands {
  private final ProtocolHandler h;
  private StoreMode mode;
  private long casUnique;
  private boolean noreply;
  private int pinned = ItemStore.NONE;
  /** The {@code ms} whose data block is being received, or null for a text command. */
  private MetaSet metaSet;

  StorageCommands(ProtocolHandler handler) {
    this.h = handler;
  }

  /** Handles the storage commands other than {@code set}; false if the line is none of them. */
  boolean dispatch(int n) {
    CommandLine line = h.line;
    if (line.is(0, Words.ADD)) {
      start(n == 5 || n == 6, StoreMode.ADD);
    } else if (line.is(0, Words.REPLACE)) {
      start(n == 5 || n == 6, StoreMode.REPLACE);
    } else if (line.is(0, Words.APPEND)) {
      start(n == 5 || n == 6, StoreMode.APPEND);
    } else if (line.is(0, Words.PREPEND)) {
      start(n == 5 || n == 6, StoreMode.PREPEND);
    } else if (line.is(0, Words.CAS)) {
      start(n == 6 || n == 7, StoreMode.CAS);
    } else {
      return false;
    }
    return true;
  }

  void start(boolean arityOk, StoreMode mode) {
    if (!arityOk) {
      h.error();
      return;
    }
    CommandLine line = h.line;
    byte[] buf = line.buffer();
    long[] num = h.number;
    noreply = line.lastIsNoreply();
    long length = -1;
    if (CNumbers.parseSigned32(buf, line.start(4), line.end(4), num)
        && num[0] >= 0 && num[0] <= Integer.MAX_VALUE - 2) {
      length = num[0];
    }
    int keyOff = line.start(1);
    int keyLen = line.length(1);
    if (!Keys.valid(buf, keyOff, keyLen)
        || !CNumbers.parseUnsigned32(buf, line.start(2), line.end(2), num)) {
      refuse(length);
      return;
    }
    long flags = num[0];
    if (!CNumbers.parseSigned32(buf, line.start(3), line.end(3), num)) {
      refuse(length);
      return;
    }
    long exptime = num[0];
    if (mode == StoreMode.CAS) {
      if (!CNumbers.parseUnsigned64(buf, line.start(5), line.end(5), num)) {
        refuse(length);
        return;
      }
      casUnique = num[0];
    } else {
      casUnique = 0;
    }
    if (length < 0) {
      refuse(length);
      return;
    }
    this.mode = mode;
    int item = reserve(mode, buf, keyOff, keyLen, flags, h.store.expiry(exptime), length,
        noreply, mode == StoreMode.SET);
    if (item != ItemStore.NONE) {
      metaSet = null;
      h.expectData(item);
    }
  }

  /**
   * Finds memory for the item a storage command will receive (pinning the value an update will
   * replace, see the class comment) and returns it; or replies with the error, swallows the data
   * block and returns {@link ItemStore#NONE}. With {@code removeOld}, a failure also removes the
   * key's current value, as memcached does for {@code set} (and for every {@code ms}).
   */
  int reserve(StoreMode mode, byte[] key, int keyOff, int keyLen, long flags, int expiry,
      long length, boolean noreply, boolean removeOld) {
    if (h.store.tooLarge(keyLen, flags, length)) {
      h.stats.storeTooLarge.increment();
      rejectBlock(Words.TOO_LARGE, length, noreply, removeOld, key, keyOff, keyLen);
      return ItemStore.NONE;
    }
    if (mode != StoreMode.SET && mode != StoreMode.ADD) {
      pinned = h.store.pin(key, keyOff, keyLen);
    }
    int item = h.store.allocate(key, keyOff, keyLen, flags, expiry, (int) length);
    if (item == ItemStore.NONE) {
      unpin();
      rejectBlock(Words.NO_MEMORY, length, noreply, removeOld, key, keyOff, keyLen);
    }
    return item;
  }

  /** Continues by receiving {@code item}'s data block for an {@code ms}. */
  void expectMeta(MetaSet set, int item) {
    metaSet = set;
    h.expectData(item);
  }

  /** The data block has arrived, its {@code \r\n} included. */
  void complete(int item) {
    if (metaSet != null) {
      MetaSet set = metaSet;
      metaSet = null;
      set.complete(item);
      return;
    }
    h.stats.cmdSet.increment();
    if (!h.store.endsWithCrlf(item)) {
      h.store.abandon(item);
      unpin();
      h.fail(Words.BAD_CHUNK, noreply);
      return;
    }
    StoreOutcome outcome;
    try {
      outcome = h.store.store(mode, item, casUnique);
    } finally {
      unpin();
    }
    if (outcome == StoreOutcome.NO_MEMORY) {
      h.fail(Words.NO_MEMORY, noreply);
    } else {
      h.reply(replyFor(outcome), noreply);
    }
  }

  /** Lets go of the value an update pinned, if any (also when its connection closes). */
  void unpin() {
    if (pinned != ItemStore.NONE) {
      h.store.release(pinned);
      pinned = ItemStore.NONE;
    }
  }

  private static byte[] replyFor(StoreOutcome outcome) {
    switch (outcome) {
      case STORED:
        return Words.STORED;
      case EXISTS:
        return Words.EXISTS;
      case NOT_FOUND:
        return Words.NOT_FOUND;
      default:
        return Words.NOT_STORED;
    }
  }

  private void refuse(long length) {
    h.stats.protocolErrors.increment();
    h.fail(Words.BAD_FORMAT, noreply);
    if (length >= 0) {
      h.swallow(length + 2);
    }
  }

  /** Refuses a well-formed command whose item cannot be stored; its block is swallowed. */
  private void rejectBlock(byte[] error, long length, boolean noreply, boolean removeOld,
      byte[] key, int keyOff, int keyLen) {
    h.fail(error, noreply);
    h.swallow(length + 2);
    if (removeOld) {
      // Like memcached: a failed set must not leave the old value readable.
      h.store.remove(key, keyOff, keyLen);
    }
  }
}
