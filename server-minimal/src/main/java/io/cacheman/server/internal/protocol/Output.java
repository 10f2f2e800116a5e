package io.cacheman.server.internal.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A connection's pending replies: small pieces (status lines, {@code VALUE} headers, short values)
 * are copied into staging blocks borrowed from the event loop's {@link OutputBlocks}, while large
 * values are queued by reference into their slab page, so a multi-get of big values copies
 * nothing until the socket takes it. Each reference holds its item's chunk (see {@link
 * io.cacheman.server.internal.store.ItemRead}) and is handed back through the releaser once
 * written, dropped by {@link #reset}, or discarded with the connection; each block goes back to
 * the pool once its bytes are written. {@link #flushTo} gathers the queue through a
 * caller-supplied (per event loop) direct buffer.
 *
 * <p>Not thread-safe: owned by one connection, used by its event loop thread only.
 */
public final class Output {
  private static final int BLOCK = OutputBlocks.BLOCK_SIZE;
  private static final int NO_ITEM = -1;

  private final OutputBlocks pool;
  /** Blocks holding queued bytes, oldest first; the last one is {@link #staging}. */
  private final ArrayDeque<byte[]> blocks = new ArrayDeque<>();
  private byte[] staging;
  private int stagingLen;
  /** Start of the staging bytes not yet sealed into a chunk. */
  private int openFrom;
  // a chunk is a slice of a staging block (chunkArray) or of a slab page (chunkPage, chunkItem)
  private byte[][] chunkArray = new byte[8][];
  private ByteBuffer[] chunkPage = new ByteBuffer[8];
  private int[] chunkItem = new int[8];
  private int[] chunkOff = new int[8];
  private int[] chunkLen = new int[8];
  private int chunkCount;
  private IntConsumer releaser = item -> {
    throw new IllegalStateException("an item reference was queued with no releaser set");
  };
  /** Flush progress: first chunk not fully written, and bytes of it already written. */
  private int head;
  private int headDone;
  private long pending;
  /** Bytes written to the socket since the output was created. */
  private long flushed;

  /** An output drawing its staging blocks from the event loop's pool. */
  public Output(OutputBlocks pool) {
    this.pool = pool;
  }

  /** An output with a pool of its own (for tests and benchmarks). */
  public Output() {
    this(new OutputBlocks());
  }

  /** Bytes queued and not yet written. */
  public long pending() {
    return pending;
  }

  public boolean isEmpty() {
    return pending == 0;
  }

  /** Bytes handed to the socket so far; a reply can be taken back only while this has not moved. */
  public long flushed() {
    return flushed;
  }

  /**
   * May the connection run another command? Always when it holds no staging block (its earlier
   * replies are all in the kernel); otherwise only while it holds less than {@code limit} bytes
   * of heap and the event loop's connections are within their budget. A connection whose client
   * stops reading therefore stops at one command's reply once memory is short.
   */
  public boolean mayTakeMore(long limit) {
    long held = (long) blocks.size() * BLOCK;
    return held == 0 || (held < limit && !pool.overBudget());
  }

  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  public void write(byte[] b, int off, int len) {
    while (len > 0) {
      ensure(1);
      int n = Math.min(len, BLOCK - stagingLen);
      System.arraycopy(b, off, staging, stagingLen, n);
      stagingLen += n;
      pending += n;
      off += n;
      len -= n;
    }
  }

  public void writeByte(int b) {
    ensure(1);
    staging[stagingLen++] = (byte) b;
    pending++;
  }

  /** Writes an unsigned 64-bit value in decimal. */
  public void writeUnsigned(long value) {
    if (value >= 0 && value < 10) {
      writeByte('0' + (int) value);
      return;
    }
    ensure(20);
    int digits = 0;
    for (long v = value; v != 0; v = Long.divideUnsigned(v, 10)) {
      digits++;
    }
    long v = value;
    for (int i = stagingLen + digits - 1; i >= stagingLen; i--) {
      long q = Long.divideUnsigned(v, 10);
      staging[i] = (byte) ('0' + (v - q * 10));
      v = q;
    }
    stagingLen += digits;
    pending += digits;
  }

  public void writeAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      writeByte(s.charAt(i));
    }
  }

  /** Sets who takes back item references once their bytes are written or dropped. */
  public void releaseWith(IntConsumer releaser) {
    this.releaser = releaser;
  }

  /**
   * Queues {@code len} bytes of a slab page by reference; {@code item} is handed to the releaser
   * once they are written (or dropped).
   */
  public void writeReferenced(ByteBuffer page, int off, int len, int item) {
    sealOpen();
    addChunk(null, page, item, off, len);
    pending += len;
  }

  /**
   * A point to roll back to with {@link #reset}: chunk count, blocks in use and staging length.
   */
  public long mark() {
    sealOpen();
    return ((long) chunkCount << 32) | ((long) blocks.size() << 16) | stagingLen;
  }

  /** Drops everything written since {@code mark} (nothing may have been flushed since). */
  public void reset(long mark) {
    int chunks = (int) (mark >>> 32);
    int blockCount = (int) (mark >>> 16) & 0xffff;
    int len = (int) mark & 0xffff;
    for (int i = chunks; i < chunkCount; i++) {
      pending -= chunkLen[i];
      dropChunk(i);
    }
    pending -= stagingLen - openFrom;
    chunkCount = chunks;
    while (blocks.size() > blockCount) {
      pool.give(blocks.pollLast());
    }
    staging = blocks.peekLast();
    stagingLen = len;
    openFrom = len;
  }
  /**
   * Writes as much as the channel takes, through {@code scratch}; true when everything queued
   * has been written. Returns the byte count written in {@code written[0]}.
   */
  public boolean flushTo(WritableByteChannel channel, ByteBuffer scratch, long[] written)
      throws IOException {
    sealOpen();
    written[0] = 0;
    while (pending > 0) {
      scratch.clear();
      int c = head;
      int done = headDone;
      while (c < chunkCount && scratch.hasRemaining()) {
        int n = Math.min(scratch.remaining(), chunkLen[c] - done);
        if (chunkPage[c] != null) {
          int at = scratch.position();
          scratch.put(at, chunkPage[c], chunkOff[c] + done, n); // absolute: pages are shared
          scratch.position(at + n);
        } else {
          scratch.put(chunkArray[c], chunkOff[c] + done, n);
        }
        done += n;
        if (done == chunkLen[c]) {
          c++;
          done = 0;
        }
      }
      scratch.flip();
      int filled = scratch.remaining();
      int n = channel.write(scratch);
      written[0] += n;
      consume(n);
      if (n < filled) {
        return false;
      }
    }
    clear();
    return true;
  }

  private void consume(long n) {
    pending -= n;
    flushed += n;
    while (n > 0) {
      int left = chunkLen[head] - headDone;
      if (n >= left) {
        n -= left;
        dropChunk(head);
        head++;
        headDone = 0;
        returnWrittenBlocks();
      } else {
        headDone += (int) n;
        n = 0;
      }
    }
  }

  /** Gives back the oldest blocks once the chunk being written lies in a later block. */
  private void returnWrittenBlocks() {
    if (head == chunkCount) {
      return; // clear() gives everything back
    }
    byte[] next = chunkArray[head];
    while (next != null && blocks.peekFirst() != next && blocks.peekFirst() != staging) {
      pool.give(blocks.pollFirst());
    }
  }

  /**
   * The connection is closing: hands back every item reference still queued and forgets the
   * queue.
   */
  public void discard() {
    for (int i = head; i < chunkCount; i++) {
      dropChunk(i);
    }
    clear();
  }

  private void dropChunk(int i) {
    chunkArray[i] = null;
    if (chunkPage[i] != null) {
      chunkPage[i] = null;
      releaser.accept(chunkItem[i]);
    }
  }

  private void clear() {
    Arrays.fill(chunkArray, 0, chunkCount, null);
    Arrays.fill(chunkPage, 0, chunkCount, null);
    chunkCount = 0;
    head = 0;
    headDone = 0;
    while (!blocks.isEmpty()) {
      pool.give(blocks.pollFirst());
    }
    staging = null;
    stagingLen = 0;
    openFrom = 0;
    pending = 0;
  }

  private void sealOpen() {
    if (stagingLen > openFrom) {
      addChunk(staging, null, NO_ITEM, openFrom, stagingLen - openFrom);
      openFrom = stagingLen;
    }
  }

  private void addChunk(byte[] b, ByteBuffer page, int item, int off, int len) {
    if (chunkCount == chunkArray.length) {
      int n = chunkCount * 2;
      chunkArray = Arrays.copyOf(chunkArray, n);
      chunkPage = Arrays.copyOf(chunkPage, n);
      chunkItem = Arrays.copyOf(chunkItem, n);
      chunkOff = Arrays.copyOf(chunkOff, n);
      chunkLen = Arrays.copyOf(chunkLen, n);
    }
    chunkArray[chunkCount] = b;
    chunkPage[chunkCount] = page;
    chunkItem[chunkCount] = item;
    chunkOff[chunkCount] = off;
    chunkLen[chunkCount] = len;
    chunkCount++;
  }

  /** Makes room for {@code n} (at most a block) contiguous staging bytes. */
  private void ensure(int n) {
    if (staging == null || stagingLen + n > BLOCK) {
      sealOpen();
      staging = pool.take();
      blocks.addLast(staging);
      stagingLen = 0;
      openFrom = 0;
    }
  }
}
