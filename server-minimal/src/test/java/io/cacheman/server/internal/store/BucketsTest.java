package io.cacheman.server.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hash buckets outside the heap: chunked addressing, empty on arrival, chunks reused. */
class BucketsTest {
  private static final int CHUNK = BucketChunks.CHUNK_BUCKETS;
  private final BucketChunks memory = new BucketChunks();

  @Test
  void aTableOfSeveralChunksKeepsEveryBucketApart() {
    Buckets table = new Buckets(memory, 4 * CHUNK);
    assertEquals(4L * CHUNK * Integer.BYTES, memory.bytes());
    for (int b = 0; b < table.length(); b += 997) {
      assertEquals(SlabPages.NONE, table.get(b));
      table.set(b, b * 3);
    }
    for (int b : new int[] {0, CHUNK - 1, CHUNK, 2 * CHUNK + 5, 4 * CHUNK - 1}) {
      table.set(b, ~b);
    }
    for (int b = 0; b < table.length(); b += 997) {
      int expected = b == 0 ? ~0 : b * 3;
      assertEquals(expected, table.get(b), "bucket " + b);
    }
    assertEquals(~(CHUNK - 1), table.get(CHUNK - 1));
    assertEquals(~CHUNK, table.get(CHUNK));
    assertEquals(~(4 * CHUNK - 1), table.get(4 * CHUNK - 1));
  }

  @Test
  void aTableThatHasGrownGivesItsChunksToTheNextOneEmptied() {
    Buckets old = new Buckets(memory, 2 * CHUNK);
    for (int b = 0; b < old.length(); b++) {
      old.set(b, b);
    }
    Buckets doubled = new Buckets(memory, 4 * CHUNK);
    assertEquals(6L * CHUNK * Integer.BYTES, memory.bytes());
    old.release(memory);
    Buckets another = new Buckets(memory, 2 * CHUNK);
    assertEquals(6L * CHUNK * Integer.BYTES, memory.bytes(), "the spare chunks were taken");
    for (int b = 0; b < another.length(); b++) {
      assertEquals(SlabPages.NONE, another.get(b), "bucket " + b + " of a reused chunk");
    }
    doubled.release(memory);
    another.release(memory);
    assertEquals(6L * CHUNK * Integer.BYTES, memory.bytes(), "spare chunks stay for the next doubling");
  }

  @Test
  void aSmallTableIsABufferOfItsOwnAndIsNotKept() {
    Buckets small = new Buckets(memory, 1024);
    assertEquals(1024L * Integer.BYTES, memory.bytes());
    small.set(1023, 7);
    assertEquals(7, small.get(1023));
    small.release(memory);
    assertEquals(0, memory.bytes());
  }
}
