package io.cacheman.reliability.scenario;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.Transcoders;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.NodeAddress;
import io.cacheman.reliability.workload.CheckedValue;
import io.cacheman.reliability.workload.SchedulingNoise;
import io.cacheman.reliability.workload.Workload;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The second client process of RELIABILITY §B 16 ({@link ChildWriter} starts it): the only writer
 * of keys {@code prefix + 0 … keys-1}, through a client of its own with the scenario's settings.
 *
 * <p>Logs each acknowledged set as {@code A <key index> <seq> <nanoTime at the ack>} (Linux's
 * CLOCK_MONOTONIC, which {@link System#nanoTime()} reads, is shared by the processes of a machine,
 * so the parent can compare these times with its own) and each change of its client's view of the
 * watched node as {@code S <state> <nanoTime>}, on stdout too as it happens. Stops writing after
 * {@code maxSeconds}; ends on {@code quit} or at the end of stdin (so it never outlives its parent
 * for long), writing the log file with {@code M <slowest set in ns> <worst scheduling lateness in
 * ns>} last, and prints {@code done}.
 *
 * <p>Arguments: nodes ({@code host:port,…}), the watched node's id, key prefix, number of keys,
 * max seconds, log file.
 */
public final class WriterProcess {
  private static final int THREADS = 2;

  private WriterProcess() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    List<NodeAddress> nodes = new ArrayList<>();
    for (String hostPort : args[0].split(",")) {
      String[] hp = hostPort.split(":");
      nodes.add(NodeAddress.of(hp[0], Integer.parseInt(hp[1])));
    }
    String watched = args[1];
    String prefix = args[2];
    int keys = Integer.parseInt(args[3]);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[4]));
    Path logFile = Path.of(args[5]);
    CachemanConfig config = NodeReturn.settings(CachemanConfig.builder().nodes(nodes)).build();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong slowest = new AtomicLong();
    List<StringBuilder> logs = new ArrayList<>();
    try (SchedulingNoise noise = SchedulingNoise.start();
        Cache<byte[]> cache = Cacheman.builder().config(config).transcoder(Transcoders.bytes()).build();
        NodeStateLog states = NodeStateLog.watch(cache, watched, c -> {
          System.out.println("S " + c.state() + " " + c.nanos());
          System.out.flush();
        })) {
      Workload.untilConnected(cache);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        StringBuilder acks = new StringBuilder();
        logs.add(acks);
        int self = t;
        threads.add(daemon(() -> write(cache, prefix, keys, self, acks, slowest, stop, end)));
      }
      System.out.println("ready");
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
        // nothing else is asked of this process
      }
      stop.set(true);
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(10));
      }
      try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.US_ASCII))) {
        for (StringBuilder log : logs) {
          out.print(log);
        }
        states.changes().forEach(c -> out.println("S " + c.state() + " " + c.nanos()));
        out.println("M " + slowest.get() + " " + noise.worstLateness().toNanos());
      }
    }
    System.out.println("done");
    System.out.flush();
  }

  /** Sets this thread's keys round and round, each with the next sequence number, and logs the acks. */
  private static void write(Cache<byte[]> cache, String prefix, int keys, int self, StringBuilder acks,
      AtomicLong slowest, AtomicBoolean stop, long end) {
    for (long seq = 1; !stop.get() && System.nanoTime() - end < 0; seq++) {
      for (int i = self; i < keys && !stop.get(); i += THREADS) {
        String key = prefix + i;
        long start = System.nanoTime();
        try {
          boolean stored = cache.set(key, CheckedValue.encode(key, seq, 100));
          long acked = System.nanoTime();
          if (stored) {
            acks.append("A ").append(i).append(' ').append(seq).append(' ').append(acked).append('\n');
          }
        } catch (RuntimeException e) {
          // not acknowledged: the readers' judge ignores it
        }
        slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
      }
    }
  }

  private static Thread daemon(Runnable body) {
    Thread t = new Thread(body, "writer-process");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
