package io.cacheman.server.internal.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory every segment's hash buckets live in: direct buffers outside the Java heap, so the
 * garbage collector never copies a bucket array. While a node fills, its 64 tables keep doubling,
 * and on the heap each new array was allocated young and then copied, in a pause, into old regions
 * the process had never touched (docs/BENCHMARKS.md, "items per node").
 *
 * <p>A table of {@value #CHUNK_BUCKETS} buckets or more is made of chunks of that many, and a table
 * that has grown gives its chunks back here for the next doubling of any segment to take, so the
 * memory is reused without waiting for the collector to free a dropped buffer (which, for a buffer
 * that had lived long enough to be old, could take until the next marking cycle). A smaller table
 * is a buffer of its own, left to the collector when dropped: all of them together are a few MB.
 * Thread-safe: segments grow under their own locks, so this class has its own (a leaf).
 */
final class BucketChunks {
  static final int CHUNK_SHIFT = 16;
  static final int CHUNK_BUCKETS = 1 << CHUNK_SHIFT;
  private static final int BYTES_PER_BUCKET = Integer.BYTES;
  private static final Logger LOG = LoggerFactory.getLogger(BucketChunks.class);

  private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();
  private long bytes;
  private boolean refusalLogged;

  /**
   * A buffer for {@code buckets} buckets (a power of two, at most {@value #CHUNK_BUCKETS}), every
   * bucket empty. Throws {@link OutOfMemoryError} when the JVM refuses more direct memory.
   */
  ByteBuffer take(int buckets) {
    ByteBuffer chunk = buckets == CHUNK_BUCKETS ? reuse() : null;
    if (chunk == null) {
      chunk = ByteBuffer.allocateDirect(buckets * BYTES_PER_BUCKET).order(ByteOrder.nativeOrder());
      added(chunk.capacity());
    }
    // SlabPages.NONE is all ones, so an empty bucket is a run of 0xff bytes
    for (int i = 0; i < chunk.capacity(); i += Long.BYTES) {
      chunk.putLong(i, -1L);
    }
    return chunk;
  }

  /** Takes back a buffer whose table has grown (or was never completed). */
  synchronized void give(ByteBuffer chunk) {
    if (chunk.capacity() == CHUNK_BUCKETS * BYTES_PER_BUCKET) {
      spare.push(chunk);
    } else {
      bytes -= chunk.capacity();
    }
  }

  /** Direct memory held for buckets: the tables in use and the spare chunks. */
  synchronized long bytes() {
    return bytes;
  }

  /** Says once per store that a table could not double: its chains grow longer instead. */
  synchronized void refused(int buckets, OutOfMemoryError e) {
    if (!refusalLogged) {
      refusalLogged = true;
      LOG.warn("the JVM refused direct memory for a table of {} hash buckets ({}); lookups slow "
          + "down as chains grow: raise -XX:MaxDirectMemorySize (see docs/server.md)", buckets,
          e.getMessage());
    }
  }

  private synchronized ByteBuffer reuse() {
    return spare.poll();
  }

  private synchronized void added(int capacity) {
    bytes += capacity;
  }
}
