package io.cacheman.internal.connection;

import io.cacheman.CachemanException;
import io.cacheman.internal.protocol.ReplyReader;
import okio.Buffer;

/** A request that writes nothing and takes any reply, for tests of a connection's bookkeeping. */
final class BareRequest implements Request {
  private final long deadline;

  BareRequest(long deadlineNanos) {
    this.deadline = deadlineNanos;
  }

  @Override public void writeTo(Buffer sink) { }
  @Override public boolean readReply(ReplyReader reader) { return true; }
  @Override public boolean replyLeavesStreamInDoubt() { return false; }
  @Override public void onReply() { }
  @Override public void onFailure(CachemanException cause) { }
  @Override public long deadlineNanos() { return deadline; }
  @Override public String name() { return "get"; }
}
