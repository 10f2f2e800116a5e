package io.cacheman.reliability.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Moves the bytes of one direction of a proxied connection through its toxics.
 *
 * <p>Two threads: the reader timestamps each chunk as it arrives and queues it (the queue is
 * bounded, so a stalled writer pushes back on the sender through TCP); the writer applies the
 * toxics and writes. Splitting them lets latency be measured from arrival, as Toxiproxy does,
 * instead of adding up behind earlier delays.
 */
final class Pump {
  private static final int CHUNK = 16 * 1024;
  private static final int QUEUE_CHUNKS = 16;
  private static final Chunk EOF = new Chunk(new byte[0], 0);

  private record Chunk(byte[] bytes, long arrivedNanos) {}

  private final ProxyConnection connection;
  private final Direction direction;
  private final InputStream in;
  private final OutputStream out;
  private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
  private final Thread reader;
  private final Thread writer;
  private ToxicList countedFor = ToxicList.NONE;
  private long forwardedSinceChange;
  private volatile long forwarded;

  Pump(ProxyConnection connection, Direction direction, InputStream in, OutputStream out, String name) {
    this.connection = connection;
    this.direction = direction;
    this.in = in;
    this.out = out;
    this.reader = new Thread(this::readLoop, name + "-read");
    this.writer = new Thread(this::writeLoop, name + "-write");
    reader.setDaemon(true);
    writer.setDaemon(true);
  }

  void start() {
    reader.start();
    writer.start();
  }

  /** Stops both threads; the sockets are closed by the connection. */
  void stop() {
    reader.interrupt();
    writer.interrupt();
  }

  void join(long millis) throws InterruptedException {
    reader.join(millis);
    writer.join(millis);
  }

  long forwarded() {
    return forwarded;
  }

  private void readLoop() {
    byte[] buffer = new byte[CHUNK];
    try {
      while (true) {
        int n = in.read(buffer);
        if (n < 0) {
          queue.put(EOF);
          return;
        }
        queue.put(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime()));
      }
    } catch (IOException e) {
      connection.abort("read " + direction + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stop() asked this thread to end
    }
  }

  private void writeLoop() {
    try {
      while (true) {
        Chunk chunk = queue.take();
        ToxicList toxics = connection.toxics(direction);
        if (chunk == EOF) {
          Toxic.SlowClose slow = toxics.find(Toxic.SlowClose.class);
          if (slow != null) {
            sleepUntil(System.nanoTime() + slow.delay().toNanos());
          }
          connection.halfClose(direction);
          return;
        }
        if (!forward(chunk, toxics)) {
          return;
        }
      }
    } catch (IOException e) {
      connection.abort("write " + direction + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stop() asked this thread to end
    }
  }

  /** Writes one chunk through the toxics; false when a limit cut the connection. */
  private boolean forward(Chunk chunk, ToxicList toxics) throws IOException, InterruptedException {
    if (toxics.find(Toxic.Blackhole.class) != null) {
      return true;
    }
    Toxic.Latency latency = toxics.find(Toxic.Latency.class);
    if (latency != null) {
      long jitter = latency.jitter().toNanos();
      long noise = jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
      sleepUntil(chunk.arrivedNanos() + Math.max(0, latency.latency().toNanos() + noise));
    }
    if (toxics != countedFor) {
      countedFor = toxics;
      forwardedSinceChange = 0;
    }
    byte[] bytes = chunk.bytes();
    int length = bytes.length;
    Toxic.LimitData limit = toxics.find(Toxic.LimitData.class);
    boolean cut = false;
    if (limit != null && forwardedSinceChange + length >= limit.bytes()) {
      length = (int) (limit.bytes() - forwardedSinceChange);
      cut = true;
    }
    write(bytes, length, toxics);
    forwardedSinceChange += length;
    if (cut) {
      connection.cut(limit.reset());
      return false;
    }
    return true;
  }

  private void write(byte[] bytes, int length, ToxicList toxics) throws IOException, InterruptedException {
    Toxic.Slicer slicer = toxics.find(Toxic.Slicer.class);
    Toxic.Bandwidth bandwidth = toxics.find(Toxic.Bandwidth.class);
    if (slicer == null && bandwidth == null) {
      writeAndCount(bytes, 0, length);
      return;
    }
    // Bandwidth alone writes 10 ms worth of bytes at a time.
    int bandwidthPiece = bandwidth == null ? Integer.MAX_VALUE
        : (int) Math.max(1, Math.min(CHUNK, bandwidth.bytesPerSecond() / 100));
    long next = System.nanoTime();
    for (int offset = 0; offset < length; ) {
      int piece = slicer == null ? bandwidthPiece
          : ThreadLocalRandom.current().nextInt(slicer.minBytes(), slicer.maxBytes() + 1);
      piece = Math.min(piece, length - offset);
      sleepUntil(next);
      writeAndCount(bytes, offset, piece);
      offset += piece;
      long pause = slicer == null ? 0 : slicer.delay().toNanos();
      if (bandwidth != null) {
        pause = Math.max(pause, TimeUnit.SECONDS.toNanos(piece) / bandwidth.bytesPerSecond());
      }
      next = Math.max(next + pause, System.nanoTime());
    }
  }

  private void writeAndCount(byte[] bytes, int offset, int length) throws IOException {
    if (length > 0) {
      out.write(bytes, offset, length);
      out.flush();
      forwarded += length;
    }
  }

  private static void sleepUntil(long deadlineNanos) throws InterruptedException {
    for (long left = deadlineNanos - System.nanoTime(); left > 0; left = deadlineNanos - System.nanoTime()) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }
}
