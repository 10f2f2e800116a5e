package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real memcached 1.6 process for differential tests, on a free port, stopped by its PID. Fails
 * (never skips) when the binary is missing, naming the package to install.
 */
final class RealMemcached implements AutoCloseable {
  static final String BINARY = "/usr/bin/memcached";
  private final Process process;
  final int port;

  RealMemcached(String... extraArgs) throws IOException, InterruptedException {
    if (!new File(BINARY).canExecute()) {
      fail(BINARY + " is missing: apt-get install memcached (and libmemcached-tools)");
    }
    port = freePort();
    List<String> cmd = new ArrayList<>(List.of(BINARY, "-l", "127.0.0.1", "-p",
        Integer.toString(port), "-U", "0"));
    if ("root".equals(System.getProperty("user.name"))) {
      cmd.add("-u");
      cmd.add("root"); // memcached refuses to run as root unless told which user to be
    }
    cmd.addAll(List.of(extraArgs));
    process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          close();
          fail("memcached did not start on port " + port + ": " + e);
        }
        Thread.onSpinWait();
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    // SIGKILL: memcached takes about a second to exit on SIGTERM, and holds nothing we need.
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
