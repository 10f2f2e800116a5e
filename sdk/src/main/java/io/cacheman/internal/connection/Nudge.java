package io.cacheman.internal.connection;

import io.cacheman.CachemanException;
import io.cacheman.internal.protocol.BlockSink;
import io.cacheman.internal.protocol.ProtocolException;
import io.cacheman.internal.protocol.ReplyReader;
import io.cacheman.internal.protocol.VersionCommand;
import okio.Buffer;

/**
 * A {@code version} the connection sends on its own account, to make a TLS node read what it
 * already holds ({@link BatchWriter#NUDGE_AFTER_NANOS} says when and why). Its reply is read and
 * dropped like any other, so the stream stays in step; it takes no in-flight slot and has no caller.
 */
final class Nudge implements Request {
  private final VersionCommand version = new VersionCommand();
  private final long deadline;

  Nudge(long deadline) {
    this.deadline = deadline;
  }

  @Override
  public void writeTo(Buffer sink, BlockSink blocks, boolean meta) {
    version.encode(sink); // memcached answers version in both protocols
  }

  @Override
  public boolean readReply(ReplyReader reader) throws ProtocolException {
    return version.decode(reader);
  }

  @Override
  public void onReply() {}

  @Override
  public void onFailure(CachemanException cause) {}

  @Override
  public boolean settled() {
    return false;
  }

  @Override
  public long deadlineNanos() {
    return deadline;
  }

  @Override
  public String name() {
    return "nudge";
  }

  @Override
  public int count() {
    return 0;
  }
}
