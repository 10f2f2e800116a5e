package io.cacheman.bench.server;

import java.io.IOException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server the bench runs as a child process on loopback (memcached, or server-minimal from its
 * jar). It is ready once it answers {@code version}; closing sends SIGTERM and, if it has not
 * exited after a few seconds, kills it.
 *
 * <h2>Ownership</h2>
 * Only this object stops the process, by its own handle; its output goes to a temporary log file
 * that is shown when it fails to start and deleted on close.
 */
public final class ChildProcessServer implements BenchServer {
  private static final Logger log = LoggerFactory.getLogger(ChildProcessServer.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final Process process;
  private final InetSocketAddress address;
  private final String description;
  private final Path logFile;

  private ChildProcessServer(Process process, InetSocketAddress address, String description, Path logFile) {
    this.process = process;
    this.address = address;
    this.description = description;
    this.logFile = logFile;
  }

  /**
   * Starts {@code command}, which must make the server listen on {@code port} of 127.0.0.1, and
   * waits until it answers.
   *
   * @throws IOException when it cannot be started or does not answer within {@code startTimeout};
   *     the message carries the end of its output
   */
  public static ChildProcessServer start(List<String> command, int port, String description, Duration startTimeout)
      throws IOException, InterruptedException {
    Path logFile = Files.createTempFile("cacheman-bench-server-", ".log");
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(logFile.toFile())
        .start();
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
    ChildProcessServer server = new ChildProcessServer(process, address, description + " on 127.0.0.1:" + port, logFile);
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        String output = server.outputTail();
        server.close();
        throw new IOException(description + " exited with code " + process.exitValue() + " at startup: " + output);
      }
      String version = version(address);
      if (version != null) {
        log.debug("started {} (pid {})", server.description, process.pid());
        return new ChildProcessServer(process, address, description + " (" + version + ") on 127.0.0.1:" + port,
            logFile);
      }
      if (System.nanoTime() > deadline) {
        String output = server.outputTail();
        server.close();
        throw new IOException(description + " did not answer on port " + port + " within "
            + startTimeout.toSeconds() + "s: " + output);
      }
      Thread.sleep(20);
    }
  }

  /** The server's {@code VERSION ...} line, or {@code null} while it does not answer with one. */
  static String version(InetSocketAddress address) {
    try (Socket s = new Socket()) {
      s.connect(address, 500);
      s.setSoTimeout(1000);
      OutputStream out = s.getOutputStream();
      out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
      return line != null && line.startsWith("VERSION ") ? line : null;
    } catch (IOException e) {
      // Not listening yet (or not speaking the protocol): the caller polls again.
      return null;
    }
  }

  private String outputTail() {
    try {
      String all = Files.readString(logFile, StandardCharsets.UTF_8).strip();
      return all.isEmpty() ? "(no output)" : all.substring(Math.max(0, all.length() - 600));
    } catch (IOException e) {
      return "(its output could not be read: " + e.getMessage() + ")";
    }
  }

  @Override
  public List<InetSocketAddress> addresses() {
    return List.of(address);
  }

  @Override
  public OptionalLong pid() {
    return OptionalLong.of(process.pid());
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn("{} did not stop within {}s of SIGTERM; killing it", description, STOP_GRACE.toSeconds());
          process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(logFile);
    } catch (IOException e) {
      log.debug("could not delete {}: {}", logFile, e.getMessage());
    }
  }
}
