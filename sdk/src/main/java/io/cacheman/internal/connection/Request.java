package io.cacheman.internal.connection;

import io.cacheman.CacheOverloadedException;
import io.cacheman.CachemanException;
import io.cacheman.internal.protocol.BlockSink;
import io.cacheman.internal.protocol.ProtocolException;
import io.cacheman.internal.protocol.ReplyReader;
import okio.Buffer;

/**
 * A request as a connection sees it: opaque bytes out, a reply to decode, a deadline, and two ways
 * to end; the connection knows nothing about commands, keys or nodes.
 *
 * <h2>Contract</h2>
 * Once {@link NodeConnection#submit} accepts a request, the connection ends it with
 * {@link #onReply()} or {@link #onFailure}. A request past its deadline is failed then (a timeout)
 * but stays in the connection's FIFO: its late reply is still read, so that it cannot be taken for
 * the next request's, and dropped. An implementation ignores any end after its first. {@link #writeTo}
 * runs on whichever thread flushes; {@link #readReply} and {@link #onReply()} on the thread reading the
 * connection ({@link ReadRole}); failures may come from any thread.
 */
public interface Request {

  /**
   * Writes the request to {@code sink}, any data block to {@code blocks} (the same stream, see
   * {@link BlockSink}); {@code meta}: in memcached's meta protocol, where the command has a meta form.
   */
  void writeTo(Buffer sink, BlockSink blocks, boolean meta);

  /** Consumes as much of the reply as has arrived; true once the whole reply has been read. */
  boolean readReply(ReplyReader reader) throws ProtocolException;

  /** True when, after this reply, the connection can no longer be trusted to be in step. */
  default boolean replyLeavesStreamInDoubt() {
    return false;
  }

  /** The reply has been read in full. */
  void onReply();

  /** The request failed: timed out, the connection broke, or its reply was garbage. */
  void onFailure(CachemanException cause);

  /** Its deadline came while it waited in line for an in-flight slot ({@link InFlightRoom}): it was never sent. */
  default void onNoSlot() {
    onFailure(new CacheOverloadedException(name() + ": no slot came free within the operation timeout"));
  }

  /** True once the request's caller has its outcome: a reply that arrives now is dropped. */
  boolean settled();

  /** The {@link io.cacheman.internal.time.Clock#nanoTime()} by which the reply must have arrived. */
  long deadlineNanos();

  /** A short name for messages, such as {@code get}. */
  String name();

  /** How many callers' requests this one carries (more than one for a shared line). */
  default int count() {
    return 1;
  }

  /**
   * True when the thread submitting it is its caller, who will then read its reply ({@link ReadRole#lead}) or,
   * if it cannot, give a resting read role back: so the submit need not wake the I/O thread.
   */
  default boolean readBySender() {
    return false;
  }

  /** The key under which this request may share one command line with like ones ({@link LineSharing}), or null. */
  default byte[] shareKey() {
    return null;
  }
}
