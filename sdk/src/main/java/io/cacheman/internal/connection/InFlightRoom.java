package io.cacheman.internal.connection;

import io.cacheman.CacheConnectionException;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Where requests of blocking callers wait, in line, while every connection of their node holds
 * {@code cacheman.max-in-flight} requests. A burst of more blocking callers than slots (an
 * application on 10,000 virtual threads, say) is served in turn within each call's deadline, where
 * failing at once would throw most calls away. Async callers still fail at once (the bound is what
 * keeps a slow node from piling up their requests).
 *
 * <h2>How</h2>
 * A slot that comes free while requests wait is not given back to the count: whoever freed it (the
 * thread that read a reply) sends the oldest waiting request with it ({@link #handOff}), so a request
 * that arrives later cannot take it first, and the caller, parked since it queued, wakes once, for
 * its reply. A request whose caller gave up at its deadline is skipped. Cheap on the reply path: with
 * nobody waiting, a freed slot costs a look at an empty queue.
 *
 * <p>Deadlines: an event loop of the node ({@link EventLoop#watch}) ends a request still in line at
 * its deadline ({@link Request#onNoSlot()}), so a caller may wait without a timer of its own.
 */
final class InFlightRoom {
  private final ConcurrentLinkedQueue<Request> line = new ConcurrentLinkedQueue<>();
  private final EventLoop loop;

  InFlightRoom(EventLoop loop) {
    this.loop = loop;
  }

  boolean anyoneWaits() {
    return !line.isEmpty();
  }

  /** Any thread: {@code request} found every connection full; it is sent when a slot comes free. */
  void join(Request request) {
    line.add(request);
    loop.expectBy(request.deadlineNanos());
  }

  /**
   * The watching loop's thread: ends the requests whose deadline has come while they waited.
   *
   * @return the earliest deadline still in line, or {@link EventLoop#NEVER}
   */
  long expire(long now) {
    long next = EventLoop.NEVER;
    for (Request request : line) {
      long due = request.deadlineNanos();
      if (request.settled()) {
        line.remove(request);
      } else if (now - due >= 0) {
        if (line.remove(request)) { // else a freed slot has just taken it out
          request.onNoSlot();
        }
      } else if (EventLoop.before(due, next)) {
        next = due;
      }
    }
    return next;
  }

  /**
   * Any thread, for slots of {@code connection} that came free (still taken): sends up to
   * {@code slots} waiting requests with them; returns how many slots it used or gave back (the rest
   * are the caller's to give back).
   */
  int handOff(NodeConnection connection, int slots) {
    int used = 0;
    Request next;
    while (used < slots && (next = line.poll()) != null) {
      if (next.settled()) {
        continue; // its caller gave up at its deadline
      }
      if (connection.submitTaken(next) == NodeConnection.Admission.ACCEPTED) {
        used++;
      } else { // closed meanwhile: submitTaken gave the slot back, so the caller must not give it back again
        next.onFailure(new CacheConnectionException(next.name() + ": connection closed while it waited for a slot"));
        return used + 1;
      }
    }
    return used;
  }

  /** The client is closing: fails every waiting request. */
  void failAll(String why) {
    Request next;
    while ((next = line.poll()) != null) {
      next.onFailure(new CacheConnectionException(next.name() + ": " + why));
    }
  }
}
