package io.cacheman.internal.connection;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * The FIFO of requests written (or about to be) on one connection and not yet answered, in the order
 * their bytes go out: replies are matched to requests by this order alone. A fixed ring with one
 * producer at a time (the flush role's holder) and one consumer at a time (the {@link ReadRole}'s),
 * each role handed on with a happens-before edge: no lock, no allocation per request. The connection's
 * in-flight limit bounds what it holds, so it never overflows.
 */
final class InFlightQueue {
  private static final VarHandle HEAD;
  private static final VarHandle TAIL;

  static {
    try {
      HEAD = MethodHandles.lookup().findVarHandle(InFlightQueue.class, "head", long.class);
      TAIL = MethodHandles.lookup().findVarHandle(InFlightQueue.class, "tail", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Request[] ring;
  private final int mask;
  @SuppressWarnings("unused") // written only by the consumer, through HEAD
  private volatile long head;
  @SuppressWarnings("unused") // accessed through TAIL
  private volatile long tail;
  private long opsTaken;

  /** A queue that holds at least {@code capacity} requests. */
  InFlightQueue(int capacity) {
    int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
    ring = new Request[size];
    mask = size - 1;
  }

  /** Producer: appends a request. The caller guarantees there is room. */
  void add(Request request) {
    long t = (long) TAIL.getOpaque(this);
    ring[(int) t & mask] = request;
    TAIL.setRelease(this, t + 1);
  }

  /** Consumer: the oldest request, or null. */
  Request peek() {
    long h = (long) HEAD.getOpaque(this);
    return h == (long) TAIL.getAcquire(this) ? null : ring[(int) h & mask];
  }

  /** Consumer: removes and returns the oldest request, or null. */
  Request poll() {
    long h = (long) HEAD.getOpaque(this);
    if (h == (long) TAIL.getAcquire(this)) {
      return null;
    }
    Request request = ring[(int) h & mask];
    ring[(int) h & mask] = null;
    HEAD.setVolatile(this, h + 1); // a full fence: see BatchWriter#submit
    opsTaken += request.count();
    return request;
  }

  /** Any thread: true when no request is waiting for a reply. */
  boolean isEmpty() {
    return (long) HEAD.getVolatile(this) == (long) TAIL.getVolatile(this);
  }

  /**
   * Any thread: fails ({@code expired}) each request still unsettled at its deadline; they stay in
   * the queue until their late replies are read. Off the consumer's thread the view may be a moment
   * stale: a request just answered is skipped or seen, and its end is claimed once either way.
   *
   * @return the earliest deadline of the requests still unsettled, or {@link EventLoop#NEVER}
   */
  long expire(long now, Consumer<Request> expired) {
    long earliest = EventLoop.NEVER;
    long t = (long) TAIL.getAcquire(this);
    for (long i = (long) HEAD.getAcquire(this); i < t; i++) {
      earliest = expire(ring[(int) i & mask], now, expired, earliest);
    }
    return earliest;
  }

  /** One request of {@link #expire}: fails it if it is due, else keeps the earlier deadline. */
  static long expire(Request request, long now, Consumer<Request> expired, long earliest) {
    if (request == null || request.settled()) {
      return earliest;
    }
    if (now - request.deadlineNanos() >= 0) {
      expired.accept(request);
      return earliest;
    }
    return EventLoop.before(request.deadlineNanos(), earliest) ? request.deadlineNanos() : earliest;
  }

  /** Any thread: the deadline of the oldest request held, answered or not, or {@link EventLoop#NEVER}. */
  long oldestDeadline() {
    long h = (long) HEAD.getVolatile(this);
    Request oldest = h == (long) TAIL.getVolatile(this) ? null : ring[(int) h & mask];
    return oldest == null ? EventLoop.NEVER : oldest.deadlineNanos();
  }

  /**
   * Operations taken out so far (answered or failed), in the unit of the in-flight bound: a get
   * line shared by several callers counts each of them. The read role's holder only.
   */
  long opsTaken() {
    return opsTaken;
  }

  /** Any thread: the number of requests held. */
  int size() {
    long h = (long) HEAD.getVolatile(this);
    return (int) ((long) TAIL.getVolatile(this) - h);
  }
}
