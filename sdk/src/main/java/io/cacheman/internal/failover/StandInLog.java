package io.cacheman.internal.failover;

import io.cacheman.internal.time.Clock;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys this client wrote, deleted, touched or counted on other nodes while their own node was
 * out of routing: before the node takes traffic again, they are deleted on it, because it may
 * still hold their values from before it left (mcrouter logs its failed deletes and replays them
 * the same way). Bounded: past {@code capacity} keys the log only remembers that it overflowed,
 * and {@code cacheman.failover.on-return} decides what to do instead.
 *
 * <h2>Life</h2>
 * Open while the node is out: {@link #record} takes keys. {@link #take} hands the keys logged so
 * far to whoever deletes them; {@link #close} ends logging, but only once nothing is left to
 * delete, so a write that raced with the return is either deleted or routed to the node itself
 * ({@link #record} answers false once the log is closed). Thread-safe.
 */
public final class StandInLog {
  private final int capacity;
  private final Clock clock;
  private final Set<ByteBuffer> keys = new LinkedHashSet<>();
  private boolean open;
  private boolean overflowed;
  private long lastWrite;

  /** A log, closed until its node leaves routing, of at most {@code capacity} keys. */
  public StandInLog(int capacity, Clock clock) {
    this.capacity = capacity;
    this.clock = clock;
  }

  /** The node left routing: log from now on. */
  public synchronized void open() {
    open = true;
  }

  /**
   * Records that {@code key} was written elsewhere while the node is out.
   *
   * @return false when the node has returned meanwhile: the caller routes the write again
   */
  public synchronized boolean record(byte[] key) {
    if (!open) {
      return false;
    }
    lastWrite = clock.nanoTime();
    if (keys.size() < capacity) {
      keys.add(ByteBuffer.wrap(key));
    } else if (!keys.contains(ByteBuffer.wrap(key))) {
      overflowed = true;
    }
    return true;
  }

  /** What is to be done before the node returns: the keys logged since the last take, and whether some were lost. */
  public record Batch(List<byte[]> keys, boolean overflowed, long lastWriteNanos) {}

  /** Hands over the keys logged so far; the log keeps logging. */
  public synchronized Batch take() {
    List<byte[]> taken = new ArrayList<>(keys.size());
    keys.forEach(k -> taken.add(k.array()));
    Batch batch = new Batch(taken, overflowed, lastWrite);
    keys.clear();
    overflowed = false;
    return batch;
  }

  /** Puts back the overflow (and its time) of a batch that could not be acted on yet. */
  public synchronized void keepOverflowed(Batch batch) {
    overflowed = true;
    lastWrite = Math.max(lastWrite, batch.lastWriteNanos());
  }

  /** Stops logging, if nothing was logged since the last {@link #take}; false otherwise (take again). */
  public synchronized boolean close() {
    if (!keys.isEmpty() || overflowed) {
      return false;
    }
    open = false;
    return true;
  }

  /** Keys waiting to be deleted (for stats and tests). */
  public synchronized int size() {
    return keys.size();
  }
}
