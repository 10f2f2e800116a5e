package io.cacheman.internal.connection;

/**
 * How many bytes a request on one connection moves, both ways, on average: what {@link
 * ConnectionPool#pick} weighs a connection's requests in flight by before it spills to the next.
 *
 * <h2>Why</h2>
 * The pool fills one connection before using the next, so that small requests share writes,
 * lines and server reads. Counted in requests alone, that kept every 1 MB value of 16 callers on
 * one connection, served by one of memcached's worker threads while another idled; weighed in
 * bytes, a connection holding a few large requests counts as full.
 *
 * <p>Bytes written are counted by the flush role's holder (one thread at a time, ordered by the
 * role's flag), bytes read and replies by the read role's; the estimate is read by any thread and
 * may lag a sample behind, which is all a choice of connection needs.
 */
final class RequestWeight {
  /** A new estimate once this many replies came in, or fewer carrying this many bytes. */
  private static final int SAMPLE_REPLIES = 8;
  private static final long SAMPLE_BYTES = 256 * 1024;

  private volatile long written;
  private long writtenBefore;
  private long read;
  private long repliesBefore;
  private volatile int bytesPerRequest;

  /** Flush role: {@code n} more bytes are on their way out. */
  void written(int n) {
    written += n; // one writer at a time
  }

  /**
   * Read role: {@code n} more bytes arrived, with {@code replies} operations answered in all so far
   * (counted like the in-flight bound: a get line shared by three callers is three).
   */
  void read(int n, long replies) {
    read += n;
    long newReplies = replies - repliesBefore;
    if (newReplies == 0 || newReplies < SAMPLE_REPLIES && read < SAMPLE_BYTES) {
      return;
    }
    long w = written;
    long perRequest = (read + w - writtenBefore) / newReplies;
    bytesPerRequest = (int) Math.min(Integer.MAX_VALUE, (bytesPerRequest + perRequest) / 2);
    writtenBefore = w;
    read = 0;
    repliesBefore = replies;
  }

  /** The recent bytes per operation, request and reply together; 0 before the first estimate. */
  int bytesPerRequest() {
    return bytesPerRequest;
  }
}
