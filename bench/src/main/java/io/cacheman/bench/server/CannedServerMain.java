package io.cacheman.bench.server;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the {@link CannedServer} as a process of its own, so that, like memcached and server-minimal,
 * it shares neither heap, GC pauses nor JIT with the client being measured. Stops on SIGTERM.
 */
@Command(name = "canned-server", mixinStandardHelpOptions = true,
    description = "A memcached-protocol server that answers everything with a fixed reply and stores nothing.")
public final class CannedServerMain implements Callable<Integer> {
  @Option(names = {"-p", "--port"}, required = true, description = "Loopback port to listen on.")
  int port;

  @Option(names = {"-t", "--threads"}, defaultValue = "1", description = "Selector loops. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--value-size", defaultValue = "100", description = "Bytes of every get's value. Default: ${DEFAULT-VALUE}.")
  int valueSize;

  /** Entry point: {@code java -cp cacheman-bench.jar io.cacheman.bench.server.CannedServerMain -p PORT}. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new CannedServerMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (threads < 1 || valueSize < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this), "threads and value size must be positive");
    }
    CannedServer server = CannedServer.start(port, threads, valueSize);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "canned-shutdown"));
    stopped.await();
    return 0;
  }
}
