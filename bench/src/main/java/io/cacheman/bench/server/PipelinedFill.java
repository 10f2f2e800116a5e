package io.cacheman.bench.server;

import io.cacheman.bench.load.KeySpace;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Fills a server with keys {@code 0 .. items-1} ({@link KeySpace#write}) over one raw connection,
 * as {@link BulkLoader#load} does, but with a {@code version} after every {@value #BATCH} sets and
 * a second thread reading the answers, so that while it runs {@link #confirmed()} says how many
 * items the server has certainly stored (it answers a connection's commands in order). A reader
 * on another connection may get any key below that and must hit.
 *
 * <h2>Threads</h2>
 * One thread writes, one reads; neither waits for the other, so the pipeline never drains. Both
 * end when the last batch is confirmed, when either fails, or on {@link #close()}.
 *
 * <h2>Pace</h2>
 * Unpaced, the writer sends as fast as the server takes the sets, so a faster server is filled
 * sooner and under more load per second than a slower one. With a rate, the writer sends
 * {@value #PACE_CHUNK} sets at a time, each chunk when it is due, so two servers that both keep up
 * take the same load for the same time: their read latencies while filling compare like with like.
 */
public final class PipelinedFill implements AutoCloseable {
  /** Sets between two confirmations: small against the fill, large against the {@code version}. */
  public static final int BATCH = 10_000;
  private static final int BUFFER = 256 * 1024;
  /** Sets sent together when paced: 0.4 ms of sets at 250,000 a second. */
  static final int PACE_CHUNK = 100;
  /** How long to wait for the last replies and for the threads to end. */
  private static final int TIMEOUT_MILLIS = 60_000;

  private final Socket socket;
  private final int items;
  private final byte[] value;
  private final int setsPerSecond;
  private final long startNanos = System.nanoTime();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile long confirmed;
  private volatile long endNanos;
  private volatile IOException failure;
  private final Thread writer;
  private final Thread reader;

  private PipelinedFill(Socket socket, int items, byte[] value, int setsPerSecond) {
    this.socket = socket;
    this.items = items;
    this.value = value;
    this.setsPerSecond = setsPerSecond;
    this.writer = new Thread(this::write, "fill-writer");
    this.reader = new Thread(this::read, "fill-reader");
  }

  /**
   * Connects and starts filling.
   *
   * @param setsPerSecond the pace, or 0 for as fast as the server takes them
   * @throws IOException when the server cannot be reached
   */
  public static PipelinedFill start(InetSocketAddress server, int items, byte[] value, int setsPerSecond)
      throws IOException {
    if (items < 1) {
      throw new IllegalArgumentException("items must be at least 1, was " + items);
    }
    if (setsPerSecond < 0) {
      throw new IllegalArgumentException("setsPerSecond must be 0 (unpaced) or more, was " + setsPerSecond);
    }
    Socket s = RawConnection.open(server);
    PipelinedFill fill = new PipelinedFill(s, items, value, setsPerSecond);
    fill.reader.setDaemon(true);
    fill.writer.setDaemon(true);
    fill.reader.start();
    fill.writer.start();
    return fill;
  }

  /** Items the server has answered for: every key below this index is stored. */
  public long confirmed() {
    return confirmed;
  }

  /**
   * Waits up to {@code timeout} for the last item to be confirmed: true if it was, false if the
   * fill is still going.
   *
   * @throws IOException when the fill failed (the connection broke, or the server answered a set)
   */
  public boolean await(Duration timeout) throws IOException, InterruptedException {
    boolean ended = done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (failure != null) {
      throw failure;
    }
    return ended;
  }

  /** Seconds from the first set to the last confirmation; valid once {@link #await} returned true. */
  public double seconds() {
    return (endNanos - startNanos) / 1e9;
  }

  private void write() {
    byte[] suffix = (" 0 0 " + value.length + " noreply\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] set = "set ".getBytes(StandardCharsets.US_ASCII);
    byte[] version = "version\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] key = new byte[KeySpace.KEY_LENGTH];
    try {
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
      for (int i = 0; i < items && done.getCount() > 0; i++) {
        if (setsPerSecond > 0 && i % PACE_CHUNK == 0) {
          out.flush(); // what was due so far goes now; the next chunk when it is due
          waitUntil(startNanos + (long) (i * 1e9 / setsPerSecond));
        }
        out.write(set);
        out.write(KeySpace.write(i, key));
        out.write(suffix);
        out.write(value);
        out.write('\r');
        out.write('\n');
        if ((i + 1) % BATCH == 0 || i + 1 == items) {
          out.write(version);
        }
      }
      out.flush();
    } catch (IOException e) {
      fail(e);
    }
  }

  private void waitUntil(long dueNanos) {
    long left;
    while ((left = dueNanos - System.nanoTime()) > 0 && done.getCount() > 0) {
      LockSupport.parkNanos(left);
    }
  }

  private void read() {
    try {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      long batches = (items + BATCH - 1) / BATCH;
      for (long b = 1; b <= batches; b++) {
        String line = RawConnection.readLine(in, "during the fill");
        if (!line.startsWith("VERSION")) {
          throw new IOException("the server answered a noreply set with: " + line);
        }
        confirmed = Math.min(items, b * BATCH);
      }
      endNanos = System.nanoTime();
      done.countDown();
    } catch (IOException e) {
      fail(e);
    }
  }

  private void fail(IOException e) {
    if (done.getCount() > 0 && failure == null) {
      failure = e;
    }
    done.countDown();
  }

  /** Stops both threads (closing the connection) and waits for them. */
  @Override
  public void close() throws InterruptedException {
    done.countDown();
    try {
      socket.close();
    } catch (IOException e) {
      // closing only unblocks the threads; nothing is lost if it fails
    }
    writer.join(TIMEOUT_MILLIS);
    reader.join(TIMEOUT_MILLIS);
  }
}
