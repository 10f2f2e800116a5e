package io.cacheman.reliability.scenario;

import io.cacheman.Cache;
import io.cacheman.NodeState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Every change of one client's view of one node, with the {@link System#nanoTime()} it was seen
 * at, from a daemon thread polling the client's stats every millisecond (a change that comes and
 * goes between two polls is caught by the breaker's transition count instead). {@link #close()}
 * stops the thread.
 */
final class NodeStateLog implements AutoCloseable {
  /** The node was seen in {@code state} from {@code nanos} on. */
  record Change(NodeState state, long nanos) {}

  private final List<Change> changes = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean stop;

  private NodeStateLog(Cache<?> cache, String node, Consumer<Change> also) {
    thread = new Thread(() -> {
      NodeState last = null;
      while (!stop) {
        NodeState now = cache.admin().stats().node(node).state();
        if (now != last) {
          Change c = new Change(now, System.nanoTime());
          changes.add(c);
          also.accept(c);
          last = now;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
    }, "node-state-log");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts watching {@code cache}'s view of {@code node}; {@code also} hears each change as it is seen. */
  static NodeStateLog watch(Cache<?> cache, String node, Consumer<Change> also) {
    return new NodeStateLog(cache, node, also);
  }

  /** The changes so far, the first being the state the watch began in. */
  List<Change> changes() {
    return List.copyOf(changes);
  }

  /** The first change to anything but {@link NodeState#UP}, or null. */
  Change firstNotUp() {
    return changes.stream().filter(c -> c.state() != NodeState.UP).findFirst().orElse(null);
  }

  /** When the node was first seen {@link NodeState#UP} at or after {@code sinceNanos}, or -1. */
  long upSince(long sinceNanos) {
    return upSince(changes, sinceNanos);
  }

  /** {@link #upSince(long)} over a list of changes (another process's, read from its log). */
  static long upSince(List<Change> changes, long sinceNanos) {
    return changes.stream().filter(c -> c.state() == NodeState.UP && c.nanos() - sinceNanos >= 0)
        .mapToLong(Change::nanos).findFirst().orElse(-1);
  }

  @Override
  public void close() {
    stop = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
