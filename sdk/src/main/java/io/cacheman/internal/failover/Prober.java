package io.cacheman.internal.failover;

import io.cacheman.CacheConnectionException;
import io.cacheman.CachemanException;
import io.cacheman.internal.connection.ConnectionPool;
import io.cacheman.internal.connection.NodeConnection;
import io.cacheman.internal.connection.Request;
import io.cacheman.internal.protocol.ProtocolException;
import io.cacheman.internal.protocol.ReplyReader;
import io.cacheman.internal.protocol.VersionCommand;
import java.util.concurrent.CompletableFuture;
import okio.Buffer;

/**
 * The health probe of a node that is out of routing: one {@code version} sent straight to its
 * pool (connecting at once if no connection is up), bypassing routing, health and stats. Any
 * reply counts as alive; its future completes on the I/O thread, by the deadline at the latest.
 */
public final class Prober implements Request {
  private final VersionCommand command = new VersionCommand();
  private final CompletableFuture<String> reply = new CompletableFuture<>();
  private final long deadline;

  private Prober(long deadline) {
    this.deadline = deadline;
  }

  /** Sends a probe to {@code pool}, due by {@code deadline}; the future fails if it cannot even be sent. */
  public static CompletableFuture<String> probe(ConnectionPool pool, String node, long deadline) {
    Prober probe = new Prober(deadline);
    NodeConnection connection = pool.pickOrConnectNow();
    if (connection == null || connection.submit(probe) != NodeConnection.Admission.ACCEPTED) {
      probe.reply.completeExceptionally(new CacheConnectionException("probe of " + node + ": no usable connection"));
    }
    return probe.reply;
  }

  @Override
  public void writeTo(Buffer sink) {
    command.encode(sink);
  }

  @Override
  public boolean readReply(ReplyReader reader) throws ProtocolException {
    return command.decode(reader);
  }

  @Override
  public void onReply() {
    reply.complete(command.result());
  }

  @Override
  public void onFailure(CachemanException cause) {
    reply.completeExceptionally(cause);
  }

  @Override
  public long deadlineNanos() {
    return deadline;
  }

  @Override
  public String name() {
    return "version probe";
  }
}
