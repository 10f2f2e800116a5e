package io.cacheman.internal.connection;

import io.cacheman.internal.protocol.ErrorReply;
import io.cacheman.internal.protocol.Item;

/**
 * A request that is a single-key {@code get} and may go out on one command line with the gets
 * queued next to it (see {@link MergedGet}).
 */
public interface SharedGet extends Request {

  /** The key, or null when this request must go out on its own. */
  byte[] sharedKey();

  /** Its key has been written as part of a shared command line. */
  void onSharedWrite();

  /** Its outcome, taken from the shared reply; {@link #onReply()} follows at once. */
  void acceptShared(Item item, ErrorReply error);
}
