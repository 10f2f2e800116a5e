package io.cacheman.internal.node;

import io.cacheman.internal.time.Clock;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the connections of a node dropped from the configuration once the requests already on
 * them have finished: looked at every {@value #CHECK_MILLIS} ms on the client's timer, closed as
 * soon as nothing is in flight, and at the latest one operation timeout after the drop, when every
 * request it could hold has met its deadline (new requests never route to a retired node).
 */
public final class NodeDrain implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(NodeDrain.class);
  static final long CHECK_MILLIS = 5;

  private final Node node;
  private final Clock clock;
  private final long startedAt;
  private final long deadline;
  private final Consumer<Node> onClosed;

  private NodeDrain(Node node, Clock clock, long timeoutNanos, Consumer<Node> onClosed) {
    this.node = node;
    this.clock = clock;
    this.startedAt = clock.nanoTime();
    this.deadline = startedAt + timeoutNanos + TimeUnit.MILLISECONDS.toNanos(2 * CHECK_MILLIS);
    this.onClosed = onClosed;
  }

  /** Starts draining {@code node} (already retired); {@code onClosed} runs once its pool is closed. */
  public static void start(Node node, Clock clock, long timeoutNanos, Consumer<Node> onClosed) {
    new NodeDrain(node, clock, timeoutNanos, onClosed).schedule();
  }

  private void schedule() {
    try {
      clock.schedule(this, TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS));
    } catch (RejectedExecutionException e) {
      log.debug("not draining {}: the client is closing and closes it", node.id);
    }
  }

  @Override
  public void run() {
    int inFlight = node.pool.inFlight();
    long now = clock.nanoTime();
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
