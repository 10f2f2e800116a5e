package io.cacheman.reliability.workload;

import io.cacheman.Cache;
import io.cacheman.NodeState;
import io.cacheman.NodeStats;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Marks a node as disturbed in a {@link FaultLog} whenever the client's breaker for it changes
 * state, whether or not a test injected anything: a node the client took out of routing (a cold
 * restarted JVM timing out, say) had its keys written elsewhere meanwhile, so a miss on it later is
 * no proof of loss. While the breaker keeps the node out, the node counts as faulted
 * ({@link FaultLog#faultStarted}, then {@link FaultLog#faultEnded} once it is back): a set
 * acknowledged then went to a stand-in, where it lives only for the gutter TTL and which another
 * change of routing can replace, so it is not trusted either. (Marking the change alone trusted
 * such a set whenever the node stayed out for the whole of it.)
 *
 * <p>Polls the client's stats every {@code periodMillis}, and on demand ({@link #poll()}) before a
 * miss is judged, so a change is always marked before it can excuse a miss. One daemon thread;
 * {@link #close()} stops it.
 */
public final class BreakerWatch implements AutoCloseable {
  private final Cache<?> cache;
  private final FaultLog faults;
  private final long[] transitions;
  private final boolean[] out;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "breaker-watch");
    t.setDaemon(true);
    return t;
  });

  private BreakerWatch(Cache<?> cache, FaultLog faults, long periodMillis) {
    this.cache = cache;
    this.faults = faults;
    this.transitions = new long[faults.nodes()];
    this.out = new boolean[faults.nodes()];
    poll();
    timer.scheduleAtFixedRate(this::poll, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** Starts watching the breakers of {@code cache}'s nodes (in configured order, as in {@code faults}). */
  public static BreakerWatch start(Cache<?> cache, FaultLog faults, long periodMillis) {
    return new BreakerWatch(cache, faults, periodMillis);
  }

  /**
   * Looks at the breakers now. A caller about to call a miss unexpected does this first: on a
   * starved machine the periodic poll can fall seconds behind, long enough for a node to go out
   * and come back unseen.
   */
  synchronized void poll() {
    List<NodeStats> nodes;
    try {
      nodes = cache.admin().stats().nodes();
    } catch (RuntimeException e) {
      return; // the client is closing; the watch is about to stop too
    }
    for (int i = 0; i < transitions.length && i < nodes.size(); i++) {
      long now = nodes.get(i).breakerTransitions();
      boolean isOut = nodes.get(i).state() != NodeState.UP;
      if (isOut && !out[i]) {
        faults.faultStarted(i);
      } else if (!isOut && out[i]) {
        faults.faultEnded(i);
      } else if (now != transitions[i]) {
        faults.disturbed(i);
      }
      out[i] = isOut;
      transitions[i] = now;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
