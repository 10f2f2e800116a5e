package io.cacheman.reliability.scenario;

import static io.cacheman.reliability.scenario.MisbehavingServer.ascii;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A memcached stand-in ({@code get}, {@code gets}, {@code set}, {@code delete}, {@code touch},
 * {@code version}, {@code flush_all}) that answers everything correctly, but can be told to hold
 * the reply to the next {@code get} for a while: one slow reply among many healthy ones
 * (RELIABILITY §B 6). Replies on a connection keep their order, as memcached's do, so whatever
 * arrives on that connection while the reply is held waits behind it.
 *
 * <p>Each held reply is a {@link Hold}: the connection, the keys of the held line, and every
 * command that arrived on that connection after it and before its reply was sent. The test uses
 * it to tell which client calls a stall could legitimately fail. One thread per connection reads
 * and answers; a timer thread sends held replies. {@link #close()} ends everything.
 */
final class HoldingServer implements AutoCloseable {

  /** One held reply and what queued behind it; written by the server's threads, read after the fact. */
  static final class Hold {
    final int connection;
    /** {@code "get <key>"} for each key of the held line (the client may share one line among gets). */
    final List<String> held;
    final long arrivedNanos;
    /** Commands ({@code "<verb> <key>"}) that arrived on the same connection while the reply was held. */
    final List<String> queuedBehind = new CopyOnWriteArrayList<>();
    volatile long sentNanos;

    Hold(int connection, List<String> held, long arrivedNanos) {
      this.connection = connection;
      this.held = held;
      this.arrivedNanos = arrivedNanos;
    }
  }

  private record Item(int flags, byte[] data) {}

  private final ServerSocket listener;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "holding-server-timer");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Item> store = new ConcurrentHashMap<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Duration> armed = new AtomicReference<>();
  private final List<Hold> holds = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();

  HoldingServer() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "holding-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The reply to the next {@code get} line, on whichever connection it arrives, is sent {@code hold} late. */
  void holdNextGet(Duration hold) {
    armed.set(hold);
  }

  /** True once the armed hold has been applied to a get. */
  boolean holdApplied() {
    return armed.get() == null;
  }

  /** Every hold so far, in order. */
  List<Hold> holds() {
    return List.copyOf(holds);
  }

  /** Connections accepted so far. */
  int acceptedConnections() {
    return connections.get();
  }

  private void acceptLoop() {
    try {
      while (true) {
        Socket s = listener.accept();
        open.add(s);
        Connection c = new Connection(connections.incrementAndGet(), s);
        Thread t = new Thread(c::serve, "holding-server-conn-" + c.id);
        t.setDaemon(true);
        t.start();
      }
    } catch (IOException closed) {
      // listener closed: shutting down
    }
  }

  /** One client connection: its reader thread answers; while a reply is held, later replies wait in order. */
  private final class Connection {
    final int id;
    final Socket socket;
    private OutputStream out;
    private Hold hold; // guarded by this
    private final ByteArrayOutputStream waiting = new ByteArrayOutputStream(); // guarded by this

    Connection(int id, Socket socket) {
      this.id = id;
      this.socket = socket;
    }

    void serve() {
      try (socket; InputStream in = new BufferedInputStream(socket.getInputStream())) {
        out = socket.getOutputStream();
        String line;
        while ((line = MisbehavingServer.readLine(in)) != null) {
          String[] t = line.split(" ");
          byte[] reply = answer(t, in);
          Duration holdFor = t[0].equals("get") ? armed.getAndSet(null) : null;
          send(t, reply, holdFor);
        }
      } catch (IOException e) {
        // the client closed or reset the connection
      } finally {
        open.remove(socket);
      }
    }

    private synchronized void send(String[] command, byte[] reply, Duration holdFor) throws IOException {
      if (hold != null) {
        hold.queuedBehind.addAll(labels(command));
        waiting.writeBytes(reply);
      } else if (holdFor != null) {
        hold = new Hold(id, labels(command), System.nanoTime());
        holds.add(hold);
        waiting.writeBytes(reply);
        timer.schedule(this::release, holdFor.toNanos(), TimeUnit.NANOSECONDS);
      } else {
        out.write(reply);
        out.flush();
      }
    }

    /** Sends the held reply and everything that queued behind it, in order. */
    private synchronized void release() {
      try {
        waiting.writeTo(out);
        out.flush();
      } catch (IOException e) {
        // the client gave up on the connection meanwhile: nothing to deliver to
      } finally {
        hold.sentNanos = System.nanoTime();
        hold = null;
        waiting.reset();
      }
    }
  }

  /** {@code "<verb> <key>"} for each key a command names ({@code get k1 k2} names two). */
  private static List<String> labels(String[] command) {
    List<String> labels = new ArrayList<>();
    boolean retrieval = command[0].equals("get") || command[0].equals("gets");
    for (int i = 1; i < (retrieval ? command.length : Math.min(2, command.length)); i++) {
      labels.add(command[0] + " " + command[i]);
    }
    return labels;
  }

  private byte[] answer(String[] t, InputStream in) throws IOException {
    switch (t[0]) {
      case "set" -> {
        byte[] data = in.readNBytes(Integer.parseInt(t[4]) + 2);
        store.put(t[1], new Item((int) Long.parseLong(t[2]), Arrays.copyOf(data, data.length - 2)));
        return ascii("STORED\r\n");
      }
      case "get", "gets" -> {
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        for (int i = 1; i < t.length; i++) {
          Item item = store.get(t[i]);
          if (item != null) {
            String cas = t[0].equals("gets") ? " 1" : "";
            r.writeBytes(ascii("VALUE " + t[i] + " " + Integer.toUnsignedString(item.flags()) + " " + item.data().length + cas + "\r\n"));
            r.writeBytes(item.data());
            r.writeBytes(ascii("\r\n"));
          }
        }
        r.writeBytes(ascii("END\r\n"));
        return r.toByteArray();
      }
      case "delete" -> {
        return ascii(store.remove(t[1]) != null ? "DELETED\r\n" : "NOT_FOUND\r\n");
      }
      case "touch" -> {
        return ascii(store.containsKey(t[1]) ? "TOUCHED\r\n" : "NOT_FOUND\r\n");
      }
      case "flush_all" -> {
        store.clear();
        return ascii("OK\r\n");
      }
      case "version" -> {
        return ascii("VERSION 1.6.18-holding\r\n");
      }
      default -> {
        return ascii("ERROR\r\n");
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    timer.shutdownNow();
    for (Socket s : open) {
      s.close();
    }
  }
}
