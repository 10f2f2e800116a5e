package io.cacheman.internal.connection;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection's bound on requests submitted and not yet ended ({@code cacheman.max-in-flight}).
 * A slot given back goes first to a blocking caller waiting in the pool's {@link InFlightRoom},
 * while the connection takes requests.
 */
final class InFlightLimit {
  private final AtomicInteger taken = new AtomicInteger();
  /** Connections of the owner's loop with a slot taken: this one counts while {@link #taken} is above 0. */
  private final AtomicInteger loopWide;
  /** Set while the connection is listed among its loop's {@link BusyConnections}. */
  private final AtomicBoolean listed = new AtomicBoolean();
  private final int max;
  private final InFlightRoom room;
  private final NodeConnection owner;

  InFlightLimit(int max, InFlightRoom room, NodeConnection owner, AtomicInteger loopWide) {
    this.max = max;
    this.loopWide = loopWide;
    this.room = room;
    this.owner = owner;
  }

  /** Any thread: takes a slot; false (nothing taken) when all {@code max} are taken. */
  boolean tryTake() {
    int now = taken.incrementAndGet();
    if (now > max) {
      taken.decrementAndGet(); // from above 1 (max is at least 1): never the last slot
      return false;
    }
    if (now == 1) {
      loopWide.incrementAndGet();
    }
    return true;
  }

  /** Any thread: gives back the slots of requests that ended (a shared get line holds several). */
  void release(int slots) {
    int handed = room.anyoneWaits() && usable() ? room.handOff(owner, slots) : 0;
    if (handed < slots && taken.addAndGet(handed - slots) == 0) {
      loopWide.decrementAndGet(); // each count and uncount is one step of taken to or from 0: they pair up
    }
  }

  /** Any thread: sends requests waiting in line with this connection's free slots (it opened, or one joined). */
  void offerFreeSlots() {
    while (room.anyoneWaits() && usable() && tryTake()) {
      release(1);
    }
  }

  /** True while the connection takes new requests: open or opening, not stalled. */
  private boolean usable() {
    return !owner.isClosed() && !owner.isStalled();
  }

  int taken() {
    return taken.get();
  }

  /** Any thread, after a slot was taken: true if this call listed the connection as busy. */
  boolean list() {
    return !listed.get() && listed.compareAndSet(false, true);
  }

  /**
   * I/O thread, finding the connection idle: unlists it unless a slot is taken; true if it left its
   * place in the list (a request that took a slot meanwhile may have listed it again). The mark is
   * cleared before this last look at the slots, and a request takes its slot before it looks at the
   * mark: one of the two always sees the other, so no request waits on an unlisted connection.
   */
  boolean unlistIfIdle() {
    listed.set(false);
    return taken.get() == 0 || !listed.compareAndSet(false, true);
  }
}
