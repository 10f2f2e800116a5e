package io.cacheman.reliability.workload;

import io.cacheman.Cache;
import io.cacheman.reliability.workload.Checker.KeyState;
import io.cacheman.reliability.workload.Checker.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToIntFunction;

/**
 * Closed-loop checked traffic: {@code threads} threads doing gets and sets of
 * {@link CheckedValue}s through a real client, every outcome judged by a {@link Checker}.
 *
 * <pre>{@code
 * try (Workload w = Workload.start(cache, checker, faults, homes, WorkloadSettings.builder().build())) {
 *   ... inject a fault, move the checker's phase ...
 * }
 * Report r = checker.report();
 * }</pre>
 *
 * <h2>Keys</h2>
 * Key {@code i} is {@code prefix + i} and belongs to thread {@code i mod threads}, which alone
 * reads and writes it, so each key's history is sequential and every read can be judged against
 * the last acknowledged set.
 *
 * <h2>Faults nobody injected</h2>
 * A {@link BreakerWatch} marks a node as disturbed in the {@link FaultLog} whenever the client's
 * breaker for it changes state, so misses caused by the client's own failover are not counted as
 * losses.
 *
 * <h2>Bounds</h2>
 * Each thread stops at {@link Settings#maxOps}, at {@link Settings#maxDuration}, or on
 * {@link #close()}, whichever comes first; {@code close} waits for the threads to end.
 */
public final class Workload implements AutoCloseable {

  private static final int MULTI_GET_KEYS = 10;
  private static final long BREAKER_POLL_MILLIS = 5;

  private final Cache<byte[]> cache;
  private final Checker checker;
  private final FaultLog faults;
  private final ToIntFunction<String> home;
  private final WorkloadSettings settings;
  private final List<Thread> workers = new ArrayList<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private BreakerWatch watch;
  private volatile MissListener missListener = (key, node, ackedSeq) -> { };

  /** Told about each unexpected miss as it happens, on the worker thread, before the workload goes on. */
  @FunctionalInterface
  public interface MissListener {
    /** {@code key}, acknowledged with {@code ackedSeq} and homed on {@code node}, read as a miss. */
    void onUnexpectedMiss(String key, int node, long ackedSeq);
  }

  /** Sets who is told about unexpected misses (for example, to look at the node directly). */
  public void onUnexpectedMiss(MissListener listener) {
    this.missListener = listener;
  }
  private final LongAdder completed = new LongAdder();

  private Workload(Cache<byte[]> cache, Checker checker, FaultLog faults, ToIntFunction<String> home,
      WorkloadSettings settings) {
    this.cache = cache;
    this.checker = checker;
    this.faults = faults;
    this.home = home;
    this.settings = settings;
  }

  /**
   * Starts the worker threads.
   *
   * @param home the node index each key lives on when every node is up ({@link KeyHomes})
   */
  public static Workload start(Cache<byte[]> cache, Checker checker, FaultLog faults, ToIntFunction<String> home,
      WorkloadSettings settings) {
    untilConnected(cache);
    Workload w = new Workload(cache, checker, faults, home, settings);
    w.watch = BreakerWatch.start(cache, faults, BREAKER_POLL_MILLIS);
    long deadline = System.nanoTime() + settings.maxDuration().toNanos();
    for (int t = 0; t < settings.threads(); t++) {
      int self = t;
      Thread thread = new Thread(() -> w.run(self, deadline), "workload-" + t);
      thread.setDaemon(true);
      w.workers.add(thread);
    }
    w.workers.forEach(Thread::start);
    return w;
  }

  /**
   * Waits (up to three connect timeouts) for {@code cache} to be connected to every node it can
   * reach. A scenario measures faults, not the client's start, and a call made while its
   * connection is still being opened may take the connect timeout on top of its operation timeout
   * (CacheAdmin#awaitConnected), which the scenarios' latency bounds do not allow for. A node that
   * is down from the start only makes this wait its time.
   */
  public static void untilConnected(Cache<?> cache) {
    cache.admin().awaitConnected(cache.admin().config().connectTimeout().multipliedBy(3));
  }

  /** Operations completed so far, successfully or not. */
  public long completed() {
    return completed.sum();
  }

  /** True while any worker still runs. */
  public boolean isRunning() {
    return workers.stream().anyMatch(Thread::isAlive);
  }

  /** Stops the workers and waits for each to finish its current operation. */
  @Override
  public void close() {
    stop.set(true);
    try {
      for (Thread t : workers) {
        t.join(TimeUnit.MINUTES.toMillis(1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      watch.close();
    }
  }

  private void run(int thread, long deadline) {
    int threads = settings.threads();
    int owned = (settings.keys() - thread + threads - 1) / threads;
    if (owned <= 0) {
      return;
    }
    String[] keys = new String[owned];
    KeyState[] states = new KeyState[owned];
    for (int i = 0; i < owned; i++) {
      keys[i] = settings.prefix() + (thread + (long) i * threads);
      states[i] = new KeyState();
    }
    long pause = settings.opsPerSecond() <= 0 ? 0 : TimeUnit.SECONDS.toNanos(threads) / settings.opsPerSecond();
    long next = System.nanoTime();
    long seq = 0;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; settings.prefill() && i < owned && !stop.get(); i++) {
      write(keys[i], states[i], ++seq, random);
      completed.increment();
    }
    for (long n = 0; n < settings.maxOps() && !stop.get() && System.nanoTime() - deadline < 0; n++) {
      int i = random.nextInt(owned);
      if (random.nextDouble() < settings.readRatio()) {
        if (random.nextDouble() < settings.multiGetRatio()) {
          readMany(keys, states, i, Math.min(MULTI_GET_KEYS, owned));
        } else {
          read(keys[i], states[i]);
        }
      } else {
        write(keys[i], states[i], ++seq, random);
      }
      completed.increment();
      if (pause > 0) {
        next += pause;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        } else if (wait < -TimeUnit.SECONDS.toNanos(1)) {
          next = System.nanoTime(); // far behind (a fault stalled us): do not burst to catch up
        }
      }
    }
  }

  private void read(String key, KeyState state) {
    Phase phase = checker.phase();
    int node = home.applyAsInt(key);
    long start = System.nanoTime();
    try {
      byte[] value = cache.get(key);
      checker.latency(phase, System.nanoTime() - start);
      boolean healthy = homeHealthy(node, state, value);
      if (value == null && healthy && state.trusted && state.lastAcked >= 0) {
        missListener.onUnexpectedMiss(key, node, state.lastAcked);
      }
      checker.read(phase, key, state, value, healthy);
    } catch (RuntimeException e) {
      checker.latency(phase, System.nanoTime() - start);
      checker.error(phase, e);
    }
  }

  /** One multi-get of {@code n} consecutive owned keys from {@code first}; every key is judged. */
  private void readMany(String[] keys, KeyState[] states, int first, int n) {
    Phase phase = checker.phase();
    List<String> asked = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      asked.add(keys[(first + j) % keys.length]);
    }
    long start = System.nanoTime();
    try {
      Map<String, byte[]> found = cache.getMulti(asked);
      checker.latency(phase, System.nanoTime() - start);
      for (int j = 0; j < n; j++) {
        int i = (first + j) % keys.length;
        byte[] value = found.get(keys[i]);
        // A multi-get reads the keys of a node that failed to answer as misses, without saying so:
        // its misses prove nothing, so only the values it returns are judged.
        checker.read(phase, keys[i], states[i], value, value != null
            && faults.stayedHealthy(home.applyAsInt(keys[i]), states[i].ackStamp));
      }
      for (String key : found.keySet()) {
        if (!asked.contains(key)) {
          checker.unaskedKey(key);
        }
      }
    } catch (RuntimeException e) {
      checker.latency(phase, System.nanoTime() - start);
      checker.error(phase, e);
    }
  }

  /** Whether {@code node} stayed healthy since the key's last ack, the breakers looked at afresh for a miss. */
  private boolean homeHealthy(int node, KeyState state, byte[] value) {
    if (value == null && faults.stayedHealthy(node, state.ackStamp)) {
      watch.poll();
    }
    return faults.stayedHealthy(node, state.ackStamp);
  }

  private void write(String key, KeyState state, long seq, ThreadLocalRandom random) {
    Phase phase = checker.phase();
    int node = home.applyAsInt(key);
    int size = random.nextInt(settings.minValueSize(), settings.maxValueSize() + 1);
    byte[] value = CheckedValue.encode(key, seq, size);
    checker.setAttempted(state, seq);
    long before = faults.stamp(node);
    long start = System.nanoTime();
    try {
      boolean stored = cache.set(key, value, settings.ttl());
      checker.latency(phase, System.nanoTime() - start);
      if (stored) {
        checker.setAcked(state, seq, faults.stayedHealthy(node, before) ? before : -1);
      } else {
        checker.setRefused(state);
      }
    } catch (RuntimeException e) {
      checker.latency(phase, System.nanoTime() - start);
      checker.error(phase, e);
      checker.setFailed(state);
    }
  }
}
