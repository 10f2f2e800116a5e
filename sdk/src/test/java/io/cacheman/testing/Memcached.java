package io.cacheman.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real memcached process on a free loopback port, for tests: started, stopped (gracefully or
 * with SIGKILL) and restarted on the same port by its own process handle, never by name.
 */
public final class Memcached implements Backend {
  private static final String BINARY = "/usr/bin/memcached";

  private final int port;
  private final List<String> extraArgs;
  private Process process;

  private Memcached(int port, List<String> extraArgs) {
    this.port = port;
    this.extraArgs = extraArgs;
  }

  /** Starts memcached with {@code extraArgs} (such as {@code -I 1k}); fails the test if it is not installed. */
  public static Memcached launch(String... extraArgs) {
    Memcached memcached = new Memcached(freePort(), List.of(extraArgs));
    memcached.start();
    return memcached;
  }

  @Override
  public String name() {
    return "memcached";
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public synchronized void start() {
    if (!new File(BINARY).canExecute()) {
      fail("memcached is not installed at " + BINARY + ": apt-get install memcached");
    }
    List<String> command = new ArrayList<>(List.of(BINARY, "-l", "127.0.0.1", "-p", Integer.toString(port), "-U", "0"));
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("-u", "root"));
    }
    command.addAll(extraArgs);
    Process started;
    try {
      started = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start memcached (apt-get install memcached): " + e, e);
    }
    process = started;
    await("memcached accepting on " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
        .until(() -> {
          if (!started.isAlive()) {
            fail("memcached " + command + " exited: " + new String(started.getInputStream().readAllBytes()));
          }
          return accepts(port);
        });
  }

  /** Freezes the process (SIGSTOP): its sockets stay open but nothing is answered, as a hung node. */
  public synchronized void pause() {
    signal("STOP");
  }

  /** Lets a paused process run again (SIGCONT). */
  public synchronized void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + exit);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the process with SIGKILL, as a crash would. */
  @Override
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitFor();
    }
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      signal("CONT"); // a paused process would not act on SIGTERM
      process.destroy();
      waitFor();
    }
  }

  private void waitFor() {
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
