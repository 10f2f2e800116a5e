package io.cacheman.internal.failover;

import io.cacheman.CacheConnectionException;
import io.cacheman.CacheServerException;
import io.cacheman.CachemanException;
import io.cacheman.internal.connection.ConnectionPool;
import io.cacheman.internal.connection.NodeConnection;
import io.cacheman.internal.connection.Request;
import io.cacheman.internal.protocol.BlockSink;
import io.cacheman.internal.protocol.ProtocolException;
import io.cacheman.internal.protocol.ReplyReader;
import io.cacheman.internal.protocol.VersionCommand;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okio.Buffer;

/**
 * A request sent straight to a node's pool, bypassing routing, health and stats: a {@code version}
 * that asks whether a node out of routing is back, optionally preceded by what must happen on a
 * returning node before it takes traffic again — {@code delete <key> noreply} for each key written
 * elsewhere while it was out, or one {@code flush_all noreply}. The {@code version} reply says the
 * node has read (and so applied) everything before it: one request, one reply, however many keys,
 * cheap to pipeline and impossible to take out of step. Its future completes on the I/O thread,
 * by the deadline at the latest.
 */
public final class Probe implements Request {
  /** Keys one probe carries at most, so that its bytes stay small. */
  static final int MAX_KEYS = 1000;
  private static final byte[] DELETE = "delete ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NOREPLY = " noreply\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FLUSH_ALL = "flush_all noreply\r\n".getBytes(StandardCharsets.US_ASCII);

  private final List<byte[]> keys;
  private final boolean flush;
  private final long deadline;
  private final VersionCommand barrier = new VersionCommand();
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  private Probe(List<byte[]> keys, boolean flush, long deadline) {
    this.keys = keys;
    this.flush = flush;
    this.deadline = deadline;
  }

  /** Asks whether the node answers, by {@code deadline} (connecting first if no connection is up). */
  public static CompletableFuture<Void> probe(ConnectionPool pool, String node, long deadline) {
    return send(pool, node, new Probe(List.of(), false, deadline));
  }

  /** Deletes {@code keys} on the node, by {@code deadline}. */
  static CompletableFuture<Void> delete(ConnectionPool pool, String node, List<byte[]> keys, long deadline) {
    return send(pool, node, new Probe(keys, false, deadline));
  }

  /** Empties the node, by {@code deadline}. */
  static CompletableFuture<Void> flush(ConnectionPool pool, String node, long deadline) {
    return send(pool, node, new Probe(List.of(), true, deadline));
  }

  private static CompletableFuture<Void> send(ConnectionPool pool, String node, Probe probe) {
    NodeConnection connection = pool.pickOrConnectNow();
    if (connection == null || connection.submit(probe) != NodeConnection.Admission.ACCEPTED) {
      probe.done.completeExceptionally(new CacheConnectionException(probe.name() + " of " + node
          + ": no usable connection"));
    }
    return probe.done;
  }

  @Override
  public void writeTo(Buffer sink, BlockSink blocks, boolean meta) {
    if (flush) {
      sink.write(FLUSH_ALL);
    }
    for (byte[] key : keys) {
      sink.write(DELETE).write(key).write(NOREPLY);
    }
    barrier.encode(sink);
  }

  @Override
  public boolean readReply(ReplyReader reader) throws ProtocolException {
    return barrier.decode(reader);
  }

  @Override
  public boolean replyLeavesStreamInDoubt() {
    return false;
  }

  @Override
  public void onReply() {
    if (barrier.error() != null) {
      done.completeExceptionally(new CacheServerException(name() + ": " + barrier.error().line()));
    } else {
      done.complete(null);
    }
  }

  @Override
  public void onFailure(CachemanException cause) {
    done.completeExceptionally(cause);
  }

  @Override
  public boolean settled() {
    return done.isDone();
  }

  @Override
  public long deadlineNanos() {
    return deadline;
  }

  @Override
  public String name() {
    return flush ? "flush before return" : keys.isEmpty() ? "version probe" : "deletes before return";
  }
}
