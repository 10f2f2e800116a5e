package io.cacheman.reliability.scenario;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small memcached stand-in ({@code get}, {@code set}, {@code version}) that can be told to
 * answer the next {@code get} wrongly, as a buggy server or a corrupting middlebox would (RELIABILITY
 * §B 9, folsom's MisbehavingServerTest).
 */
final class MisbehavingServer implements AutoCloseable {

  /** Ways to answer a {@code get k} wrongly. */
  enum Poison {
    /** A line that is no reply at all. */
    GARBAGE_LINE,
    /** A well-formed value, for a key that was not asked for. */
    VALUE_FOR_ANOTHER_KEY,
    /** A data block that does not end where its header says (wrong terminator). */
    BAD_BLOCK_END,
    /** A data block shorter than declared, then silence: only the deadline can end the wait. */
    SHORT_BLOCK_THEN_SILENCE,
    /** A reply of the wrong kind ({@code STORED} to a get). */
    WRONG_REPLY_KIND,
    /** The right reply followed by an unsolicited {@code END}, which the next request would read. */
    EXTRA_REPLY
  }

  private final ServerSocket listener;
  private final Map<String, byte[]> store = new ConcurrentHashMap<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Poison> armed = new AtomicReference<>();
  private final AtomicReference<byte[]> rawReply = new AtomicReference<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger closedByClient = new AtomicInteger();

  MisbehavingServer() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "misbehaving-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The next {@code get} on any connection is answered with {@code poison}. */
  void poisonNextGet(Poison poison) {
    armed.set(poison);
  }

  /**
   * The next {@code get} on any connection is answered with exactly {@code reply} and nothing
   * after it, whatever it asked for (a reply no {@link Poison} describes, such as a VALUE header
   * declaring more than the client accepts).
   */
  void replyToNextGet(byte[] reply) {
    rawReply.set(reply);
  }

  /** True once the armed poison has been served. */
  boolean poisonServed() {
    return armed.get() == null;
  }

  int acceptedConnections() {
    return accepted.get();
  }

  /** Connections the client closed (it discards a connection after a bad reply). */
  int connectionsClosedByClient() {
    return closedByClient.get();
  }

  private void acceptLoop() {
    try {
      while (true) {
        Socket s = listener.accept();
        accepted.incrementAndGet();
        open.add(s);
        Thread t = new Thread(() -> serve(s), "misbehaving-conn");
        t.setDaemon(true);
        t.start();
      }
    } catch (IOException closed) {
      // listener closed: shutting down
    }
  }

  private void serve(Socket s) {
    try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
      String line;
      while ((line = readLine(in)) != null) {
        String[] t = line.split(" ");
        switch (t[0]) {
          case "version" -> out.write(ascii("VERSION 1.6.18-misbehaving\r\n"));
          case "set" -> {
            byte[] data = in.readNBytes(Integer.parseInt(t[4]) + 2);
            store.put(t[1], Arrays.copyOf(data, data.length - 2));
            out.write(ascii("STORED\r\n"));
          }
          case "get", "gets" -> out.write(answerGet(t));
          default -> out.write(ascii("ERROR\r\n"));
        }
        out.flush();
      }
      closedByClient.incrementAndGet();
    } catch (IOException e) {
      closedByClient.incrementAndGet(); // reset by the client: discarded as well
    } finally {
      open.remove(s);
    }
  }

  private byte[] answerGet(String[] t) {
    byte[] raw = rawReply.getAndSet(null);
    if (raw != null) {
      return raw;
    }
    Poison poison = armed.getAndSet(null);
    String key = t[1];
    ByteArrayOutputStream r = new ByteArrayOutputStream();
    if (poison == Poison.GARBAGE_LINE) {
      return ascii("HTTP/1.1 500 Internal Server Error\r\n");
    } else if (poison == Poison.VALUE_FOR_ANOTHER_KEY) {
      return ascii("VALUE " + key + "-other 0 5\r\nhello\r\nEND\r\n");
    } else if (poison == Poison.BAD_BLOCK_END) {
      return ascii("VALUE " + key + " 0 3\r\nabcdefgh\r\nEND\r\n");
    } else if (poison == Poison.SHORT_BLOCK_THEN_SILENCE) {
      return ascii("VALUE " + key + " 0 50\r\nshort\r\nEND\r\n");
    } else if (poison == Poison.WRONG_REPLY_KIND) {
      return ascii("STORED\r\n");
    }
    for (int i = 1; i < t.length; i++) {
      byte[] v = store.get(t[i]);
      if (v != null) {
        r.writeBytes(ascii("VALUE " + t[i] + " 0 " + v.length + "\r\n"));
        r.writeBytes(v);
        r.writeBytes(ascii("\r\n"));
      }
    }
    r.writeBytes(ascii("END\r\n"));
    if (poison == Poison.EXTRA_REPLY) {
      r.writeBytes(ascii("END\r\n"));
    }
    return r.toByteArray();
  }

  /** One command line without its CRLF, or null at the end of the stream. */
  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) >= 0; ) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return null;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
