package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.store.MetaItem;

/**
 * What {@code mg}, {@code ms}, {@code ma} and {@code me} share: their connection's handler and the
 * {@link MetaCommands} state (flags, echo, item view), and the checks each line goes through
 * before its flags mean anything.
 */
abstract class MetaCommand {
  final MetaCommands meta;
  final ProtocolHandler h;
  final MetaFlags flags;

  MetaCommand(MetaCommands meta) {
    this.meta = meta;
    this.h = meta.h;
    this.flags = meta.flags;
  }

  /**
   * {@link MetaCommands#lineOk} then the flags from token 2; false when the line was answered with
   * an error: {@code flagError}, or the parser's own when it is null.
   */
  boolean begin(int n, byte[] tooManyFlags, byte[] flagError) {
    if (!meta.lineOk(n, tooManyFlags)) {
      return false;
    }
    if (!flags.parse(h.line, 2, h.store)) {
      meta.fail(flagError != null ? flagError : flags.error);
      return false;
    }
    return true;
  }

  /**
   * Applies a {@code T} or {@code N} flag where it stands in the reply walk: T sets the TTL, N
   * sets it only on the item this command created. True when N did (the creator's win).
   */
  boolean applyExpiryFlag(byte flag, MetaItem item) {
    if (flag == 'T') {
      item.setExpiry(flags.ttlExpiry);
      return false;
    }
    if (item.created()) {
      item.setExpiry(flags.vivifyExpiry);
      return true;
    }
    return false;
  }

  /** Writes token {@code i}, an opaque, as a reply field; false when it is too long. */
  boolean writeOpaque(Output out, CommandLine line, int i) {
    if (MetaEcho.opaqueTooLong(line, i)) {
      return false;
    }
    out.writeByte(' ');
    out.write(line.buffer(), line.start(i), line.length(i));
    return true;
  }
}
