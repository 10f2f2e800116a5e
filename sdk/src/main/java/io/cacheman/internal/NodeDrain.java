package io.cacheman.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the connections of a node dropped from the configuration once the requests already on
 * them have finished. Checked every tick on the client's scheduler: the pool closes as soon as
 * nothing is in flight, and at the latest one operation timeout after the drop, when every
 * request it could hold has met its deadline (new requests never route to a retired node).
 */
final class NodeDrain implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(NodeDrain.class);

  private final Node node;
  private final ScheduledExecutorService scheduler;
  private final long startedAt;
  private final long deadline;
  private final long everyNanos;
  private final Consumer<Node> onClosed;

  private NodeDrain(Node node, ScheduledExecutorService scheduler, long timeoutNanos, long everyNanos,
      Consumer<Node> onClosed) {
    this.node = node;
    this.scheduler = scheduler;
    this.startedAt = System.nanoTime();
    this.deadline = startedAt + timeoutNanos + 2 * everyNanos;
    this.everyNanos = everyNanos;
    this.onClosed = onClosed;
  }

  /** Starts draining {@code node} (already retired); {@code onClosed} runs once its pool is closed. */
  static void start(Node node, ScheduledExecutorService scheduler, long timeoutNanos, long everyNanos,
      Consumer<Node> onClosed) {
    new NodeDrain(node, scheduler, timeoutNanos, everyNanos, onClosed).schedule();
  }

  private void schedule() {
    try {
      scheduler.schedule(this, everyNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("not draining {}: the client is closing and closes it", node.id);
    }
  }

  @Override
  public void run() {
    int inFlight = node.pool.inFlight();
    long now = System.nanoTime();
    if (inFlight > 0 && now - deadline < 0) {
      schedule();
      return;
    }
    node.pool.close();
    long millis = TimeUnit.NANOSECONDS.toMillis(now - startedAt);
    if (inFlight == 0) {
      log.info("Cacheman node {} left the configuration; its connections closed after {} ms of draining", node.id,
          millis);
    } else {
      log.warn("Cacheman node {} left the configuration; closed its connections after {} ms with {} requests "
          + "still pending (they fail)", node.id, millis, inFlight);
    }
    onClosed.accept(node);
  }
}
