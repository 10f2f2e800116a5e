package io.cacheman.testing;

import io.cacheman.config.NodeAddress;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny scripted memcached stand-in on a loopback port: it reads each command (and the data
 * block of storage commands) and answers what the {@link Script} says, which may be garbage, a
 * value for the wrong key, a reply cut short, or nothing at all.
 */
public final class MisbehavingServer implements AutoCloseable {

  /** What to send for the {@code n}-th command (counted over all connections, from 0). */
  @FunctionalInterface
  public interface Script {
    Reply answer(String commandLine, int n);
  }

  /** Bytes to send, then optionally close the connection; {@link #SILENCE} sends nothing. */
  public record Reply(byte[] bytes, boolean close) {
    public static final Reply SILENCE = new Reply(new byte[0], false);

    public static Reply of(String text) {
      return new Reply(text.getBytes(StandardCharsets.UTF_8), false);
    }

    public static Reply thenClose(String text) {
      return new Reply(text.getBytes(StandardCharsets.UTF_8), true);
    }
  }

  /** The well-behaved answer to a {@code get}/{@code set}/{@code version}: a hit whose value names its key. */
  public static Reply proper(String line) {
    String[] parts = line.split(" ");
    return switch (parts[0]) {
      case "get" -> {
        StringBuilder reply = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
          String value = "v:" + parts[i];
          reply.append("VALUE ").append(parts[i]).append(" 0 ").append(value.length()).append("\r\n").append(value).append("\r\n");
        }
        yield Reply.of(reply.append("END\r\n").toString());
      }
      case "set" -> Reply.of("STORED\r\n");
      case "version" -> Reply.of("VERSION test\r\n");
      default -> Reply.of("ERROR\r\n");
    };
  }

  private final ServerSocket server;
  private final Script script;
  private final AtomicInteger commands = new AtomicInteger();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public MisbehavingServer(Script script) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.script = script;
    this.acceptor = new Thread(this::accept, "misbehaving-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public NodeAddress address() {
    return NodeAddress.of("127.0.0.1", server.getLocalPort());
  }

  /** Connections accepted so far. */
  public int connections() {
    return accepted.get();
  }

  /** Connections that have ended (the client closed them, or the script did). */
  public int closedConnections() {
    return ended.get();
  }

  /** Commands read so far. */
  public int commands() {
    return commands.get();
  }

  /** Every command line read so far. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        accepted.incrementAndGet();
        sockets.add(socket);
        Thread serve = new Thread(() -> serve(socket), "misbehaving-conn");
        serve.setDaemon(true);
        serve.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream()) {
      String line;
      while ((line = readLine(in)) != null) {
        String[] parts = line.split(" ");
        if (parts.length >= 5 && List.of("set", "add", "replace", "append", "prepend", "cas").contains(parts[0])) {
          in.readNBytes(Integer.parseInt(parts[4]) + 2);
        }
        lines.add(line);
        Reply reply = script.answer(line, commands.getAndIncrement());
        out.write(reply.bytes());
        out.flush();
        if (reply.close()) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away: nothing to serve
    } finally {
      ended.incrementAndGet();
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, Math.max(0, bytes.length - 1), StandardCharsets.UTF_8);
      }
      line.write(b);
    }
    return null;
  }

  /** Closes every connection accepted so far, as a node that drops its clients does; it goes on accepting. */
  public void dropConnections() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    dropConnections();
  }
}
