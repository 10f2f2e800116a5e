package io.cacheman.internal.connection;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection's bound on requests submitted and not yet ended ({@code cacheman.max-in-flight});
 * a slot given back wakes a blocking caller waiting in its pool's {@link InFlightRoom}.
 */
final class InFlightLimit {
  private final AtomicInteger taken = new AtomicInteger();
  private final int max;
  private final InFlightRoom room;

  InFlightLimit(int max, InFlightRoom room) {
    this.max = max;
    this.room = room;
  }

  /** Any thread: takes a slot; false (nothing taken) when all {@code max} are taken. */
  boolean tryTake() {
    if (taken.incrementAndGet() > max) {
      taken.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Any thread: gives back the slots of a request that ended (a shared get line holds several). */
  void release(int slots) {
    taken.addAndGet(-slots);
    room.freed(slots);
  }

  int taken() {
    return taken.get();
  }

  boolean hasRoom() {
    return taken.get() < max;
  }
}
