package io.cacheman.bench.server;

import io.cacheman.bench.load.KeySpace;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Reads a server at a fixed rate while something else writes to it: {@code get}s over a raw
 * connection of its own, each of a random key below {@code stored} (keys the server has confirmed,
 * see {@link PipelinedFill#confirmed}), so every one must hit.
 *
 * <p>Open loop: one thread sends each get when it is due, another reads the replies (in order, as
 * the server answers a connection), so a slow reply does not hold back the gets after it. Latency
 * is taken from when a get was <em>due</em>: if the server stalls for 50 ms, the hundred gets due
 * meanwhile each count the wait they saw, as callers at that rate would. Timing only gets that
 * went out (one per stall) would hide most of a pause, the error wrk2 calls coordinated omission.
 * A single get in flight would not do either: on a saturated machine a round trip can take longer
 * than the interval, and the backlog would be the getter's, not the server's. The bench's own
 * scheduling delays count too, equally for every server.
 */
public final class PacedGetter implements AutoCloseable {
  /** How long to wait for the last replies and for the threads to end. */
  private static final int TIMEOUT_MILLIS = 60_000;
  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);
  /** A get this late is counted in {@link Result#slowSeconds}, by the second it was due in. */
  public static final long SLOW_MICROS = 20_000;

  /**
   * What the gets saw: latency in µs from when each was due, how many missed, and when the slow
   * ones were due (a stall that recurs each second, or at one moment of a fill, shows here).
   */
  public record Result(Histogram latencyMicros, long gets, long misses, List<SlowSecond> slowSeconds) {}

  /** The gets due in second {@code second} of the run that were over {@link #SLOW_MICROS} late. */
  public record SlowSecond(int second, long gets, long maxMicros) {}

  private final Socket socket;
  private final long intervalNanos;
  private final LongSupplier stored;
  private final long maxGets;
  private final Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
  private final Thread sender;
  private final Thread receiver;
  private volatile boolean stopping;
  private volatile long first;
  private volatile IOException failure;
  private long gets;
  private long misses;
  /** Second of the run: {slow gets, the longest wait among them in µs}; guarded by this. */
  private final Map<Integer, long[]> slow = new TreeMap<>();

  private PacedGetter(Socket socket, int perSecond, LongSupplier stored, long maxGets) {
    this.socket = socket;
    this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    this.stored = stored;
    this.maxGets = maxGets;
    this.sender = new Thread(this::send, "paced-getter");
    this.receiver = new Thread(this::receive, "paced-getter-replies");
    this.sender.setDaemon(true);
    this.receiver.setDaemon(true);
  }

  /**
   * Connects and starts sending {@code perSecond} gets a second once {@code stored} is above zero,
   * until {@link #stop} or {@code maxGets} gets.
   *
   * @throws IOException when the server cannot be reached
   */
  public static PacedGetter start(InetSocketAddress server, int perSecond, LongSupplier stored, long maxGets)
      throws IOException {
    if (perSecond < 1 || perSecond > 1_000_000) {
      throw new IllegalArgumentException("gets per second must be 1..1,000,000, was " + perSecond);
    }
    Socket s = RawConnection.open(server);
    PacedGetter getter = new PacedGetter(s, perSecond, stored, maxGets);
    getter.receiver.start();
    getter.sender.start();
    return getter;
  }

  private void send() {
    SplittableRandom random = new SplittableRandom(11);
    byte[] get = "get ".getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[get.length + KeySpace.KEY_LENGTH + 2];
    byte[] key = new byte[KeySpace.KEY_LENGTH];
    System.arraycopy(get, 0, request, 0, get.length);
    request[request.length - 2] = '\r';
    request[request.length - 1] = '\n';
    try {
      OutputStream out = socket.getOutputStream();
      while (stored.getAsLong() == 0 && !stopping) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
      long start = System.nanoTime();
      first = start;
      for (long i = 0; i < maxGets && !stopping; i++) {
        long due = start + i * intervalNanos;
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        KeySpace.write(random.nextInt((int) Math.min(Integer.MAX_VALUE, stored.getAsLong())), key);
        System.arraycopy(key, 0, request, get.length, key.length);
        out.write(request);
        out.flush();
      }
      // the end of the gets for the reader: everything before the VERSION has been answered
      out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      fail(e);
    }
  }

  private void receive() {
    try {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      for (long i = 0; ; i++) {
        String line = RawConnection.readLine(in, "of the getter");
        if (line.startsWith("VERSION")) {
          return;
        }
        boolean hit = readReply(line, in);
        long micros = (System.nanoTime() - (first + i * intervalNanos)) / 1000;
        synchronized (this) {
          histogram.recordValue(Math.max(0, Math.min(micros, HIGHEST_MICROS)));
          gets++;
          misses += hit ? 0 : 1;
          if (micros > SLOW_MICROS) {
            long[] second = slow.computeIfAbsent((int) (i * intervalNanos / TimeUnit.SECONDS.toNanos(1)),
                s -> new long[2]);
            second[0]++;
            second[1] = Math.max(second[1], micros);
          }
        }
      }
    } catch (IOException e) {
      fail(e);
    }
  }

  private void fail(IOException e) {
    if (failure == null && !socket.isClosed()) {
      failure = e;
    }
  }

  /** After {@code line}: reads the data and {@code END} of a {@code VALUE} line; false for a miss ({@code END}). */
  private static boolean readReply(String line, InputStream in) throws IOException {
    if (line.equals("END")) {
      return false;
    }
    String[] f = line.split(" ");
    if (f.length < 4 || !f[0].equals("VALUE")) {
      throw new IOException("unexpected reply to a get: " + line);
    }
    try {
      in.skipNBytes(Long.parseLong(f[3]) + 2); // the data and its CRLF
    } catch (NumberFormatException e) {
      throw new IOException("unexpected reply to a get: " + line);
    }
    String end = RawConnection.readLine(in, "of the getter");
    if (!end.equals("END")) {
      throw new IOException("expected END after a value, got: " + end);
    }
    return true;
  }

  /**
   * Stops sending, waits for the replies to the gets sent, and returns what they saw.
   *
   * @throws IOException when a get failed (connection or protocol)
   */
  public Result stop() throws IOException, InterruptedException {
    stopping = true;
    sender.join(TIMEOUT_MILLIS);
    receiver.join(TIMEOUT_MILLIS);
    if (receiver.isAlive() && failure == null) {
      throw new IOException("the server did not answer the last gets within " + TIMEOUT_MILLIS / 1000 + "s");
    }
    if (failure != null) {
      throw failure;
    }
    synchronized (this) {
      List<SlowSecond> slowSeconds = new ArrayList<>();
      slow.forEach((second, seen) -> slowSeconds.add(new SlowSecond(second, seen[0], seen[1])));
      return new Result(histogram.copy(), gets, misses, slowSeconds);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopping = true;
    try {
      socket.close();
    } catch (IOException e) {
      // closing only unblocks the thread
    }
    sender.join(TIMEOUT_MILLIS);
    receiver.join(TIMEOUT_MILLIS);
  }
}
