package io.cacheman.testing;

import io.cacheman.CachemanException;
import io.cacheman.internal.connection.Request;
import io.cacheman.internal.protocol.BlockSink;
import io.cacheman.internal.protocol.ReplyReader;
import okio.Buffer;

/**
 * A request that writes nothing and takes any reply, for tests of a connection's bookkeeping;
 * it remembers the failure it ended with, if any.
 */
public final class BareRequest implements Request {
  private final long deadline;
  private volatile CachemanException failure;

  public BareRequest(long deadlineNanos) {
    this.deadline = deadlineNanos;
  }

  /** The failure the connection ended this request with, or null. */
  public CachemanException failure() {
    return failure;
  }

  @Override public void writeTo(Buffer sink, BlockSink blocks, boolean meta) { }
  @Override public boolean readReply(ReplyReader reader) { return true; }
  @Override public boolean replyLeavesStreamInDoubt() { return false; }
  @Override public void onReply() { }
  @Override public void onFailure(CachemanException cause) { failure = cause; }
  @Override public boolean settled() { return failure != null; }
  @Override public long deadlineNanos() { return deadline; }
  @Override public String name() { return "get"; }
}
