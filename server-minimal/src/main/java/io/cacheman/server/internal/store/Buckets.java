package io.cacheman.server.internal.store;

import java.nio.ByteBuffer;

/**
 * One segment's hash table: a power-of-two number of buckets, each the handle of the first item
 * of its chain or {@link SlabPages#NONE}, held in {@link BucketChunks} outside the Java heap.
 * Bucket {@code b} is int {@code b & (CHUNK_BUCKETS - 1)} of chunk {@code b >>> CHUNK_SHIFT}.
 */
final class Buckets {
  private static final int IN_CHUNK = BucketChunks.CHUNK_BUCKETS - 1;

  private final ByteBuffer[] chunks;
  private final int length;

  /**
   * A table of {@code length} empty buckets (a power of two). Throws {@link OutOfMemoryError},
   * having given back what it took, when the JVM refuses the direct memory.
   */
  Buckets(BucketChunks memory, int length) {
    int perChunk = Math.min(length, BucketChunks.CHUNK_BUCKETS);
    this.chunks = new ByteBuffer[length / perChunk];
    this.length = length;
    try {
      for (int i = 0; i < chunks.length; i++) {
        chunks[i] = memory.take(perChunk);
      }
    } catch (OutOfMemoryError e) {
      release(memory);
      throw e;
    }
  }

  int length() {
    return length;
  }

  int get(int b) {
    return chunks[b >>> BucketChunks.CHUNK_SHIFT].getInt((b & IN_CHUNK) * Integer.BYTES);
  }

  void set(int b, int h) {
    chunks[b >>> BucketChunks.CHUNK_SHIFT].putInt((b & IN_CHUNK) * Integer.BYTES, h);
  }

  /** Gives the memory back; the table must not be used after. */
  void release(BucketChunks memory) {
    for (ByteBuffer chunk : chunks) {
      if (chunk != null) {
        memory.give(chunk);
      }
    }
  }
}
