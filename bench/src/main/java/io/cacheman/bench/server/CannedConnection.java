package io.cacheman.bench.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One client connection of the {@link CannedServer}: splits the memcached text protocol into
 * commands and answers each with a fixed, valid reply, storing nothing. Every get hits with the
 * same value; every store is {@code STORED}. Parsing works on the read buffer's bytes directly
 * and all replies of one read batch go out in one write, so the server costs as little as a
 * server can and what is measured against it is the client.
 *
 * <p>Confined to its event loop's thread.
 */
final class CannedConnection {
  private static final int BUFFER = 64 * 1024;
  /** Past this much unsent output, parsing pauses until the client reads (backpressure). */
  private static final int HIGH_WATER = 1024 * 1024;

  private static final byte[] VALUE = ascii("VALUE ");
  private static final byte[] END = ascii("END\r\n");
  private static final byte[] STORED = ascii("STORED\r\n");
  private static final byte[] DELETED = ascii("DELETED\r\n");
  private static final byte[] TOUCHED = ascii("TOUCHED\r\n");
  private static final byte[] COUNTER = ascii("1\r\n");
  private static final byte[] OK = ascii("OK\r\n");
  private static final byte[] VERSION = ascii("VERSION 1.6.18-canned\r\n");
  private static final byte[] ERROR = ascii("ERROR\r\n");
  private static final byte[] BAD_FORMAT = ascii("CLIENT_ERROR bad command line format\r\n");
  private static final byte[] TOO_LONG = ascii("CLIENT_ERROR line too long\r\n");
  private static final byte[] CRLF = ascii("\r\n");

  private final byte[] value;
  private final byte[] flagsAndLength;
  private final byte[] flagsLengthAndCas;
  private final ByteBuffer in = ByteBuffer.allocate(BUFFER);
  private ByteBuffer out = ByteBuffer.allocate(BUFFER);
  private long skip;
  private boolean closing;

  CannedConnection(byte[] value) {
    this.value = value;
    this.flagsAndLength = ascii(" 0 " + value.length + "\r\n");
    this.flagsLengthAndCas = ascii(" 0 " + value.length + " 1\r\n");
  }

  /** Reads what has arrived; false when the client closed its side. */
  boolean read(SocketChannel channel) throws IOException {
    return channel.read(in) >= 0;
  }

  /**
   * Answers every complete command read so far and writes the answers; true when everything is
   * written, false when the socket is full (wait for it to become writable).
   */
  boolean service(SocketChannel channel) throws IOException {
    while (true) {
      in.flip();
      boolean parsedAll = parse();
      in.compact();
      out.flip();
      channel.write(out);
      boolean flushed = !out.hasRemaining();
      out.compact();
      if (!flushed) {
        return false;
      }
      if (parsedAll) {
        return true;
      }
    }
  }

  /** True after {@code quit} or a protocol violation, once the replies are written. */
  boolean closing() {
    return closing;
  }

  /** Answers complete commands; false when it stopped early because the output is full. */
  private boolean parse() {
    byte[] a = in.array();
    while (!closing) {
      if (skip > 0) {
        int n = (int) Math.min(skip, in.remaining());
        in.position(in.position() + n);
        skip -= n;
        if (skip > 0) {
          return true;
        }
      }
      if (out.position() > HIGH_WATER) {
        return false;
      }
      int start = in.position();
      int newline = indexOf(a, start, in.limit(), (byte) '\n');
      if (newline < 0) {
        if (in.remaining() == in.capacity()) {
          put(TOO_LONG);
          closing = true;
        }
        return true;
      }
      int end = newline > start && a[newline - 1] == '\r' ? newline - 1 : newline;
      in.position(newline + 1);
      answer(a, start, end);
    }
    return true;
  }

  private void answer(byte[] a, int start, int end) {
    int cmdEnd = indexOf(a, start, end, (byte) ' ');
    if (cmdEnd < 0) {
      cmdEnd = end;
    }
    if (cmdEnd - start == 3 && a[start + 1] == 'e' && a[start + 2] == 't') {
      // The two commands a benchmark sends, recognised without building a string.
      if (a[start] == 'g') {
        values(a, cmdEnd, end, false);
        return;
      }
      if (a[start] == 's') {
        store(a, cmdEnd, end, endsWith(a, start, end, " noreply"));
        return;
      }
    }
    String command = new String(a, start, cmdEnd - start, StandardCharsets.US_ASCII);
    boolean noreply = endsWith(a, start, end, " noreply");
    switch (command) {
      case "get", "gets" -> values(a, cmdEnd, end, command.equals("gets"));
      case "gat", "gats" -> values(a, indexOf(a, cmdEnd + 1, end, (byte) ' '), end, command.equals("gats"));
      case "set", "add", "replace", "append", "prepend", "cas" -> store(a, cmdEnd, end, noreply);
      case "delete" -> reply(DELETED, noreply);
      case "incr", "decr" -> reply(COUNTER, noreply);
      case "touch" -> reply(TOUCHED, noreply);
      case "flush_all", "verbosity" -> reply(OK, noreply);
      case "version" -> put(VERSION);
      case "stats" -> put(END);
      case "quit" -> closing = true;
      default -> put(ERROR);
    }
  }

  /** One VALUE block per key after {@code from}, then END. */
  private void values(byte[] a, int from, int end, boolean withCas) {
    if (from < 0) {
      put(ERROR);
      return;
    }
    int i = from;
    while (i < end) {
      while (i < end && a[i] == ' ') {
        i++;
      }
      int keyStart = i;
      while (i < end && a[i] != ' ') {
        i++;
      }
      if (i > keyStart) {
        put(VALUE);
        put(a, keyStart, i - keyStart);
        put(withCas ? flagsLengthAndCas : flagsAndLength);
        put(value);
        put(CRLF);
      }
    }
    put(END);
  }

  /** {@code <cmd> <key> <flags> <exptime> <bytes> ...}: skip the data block, answer STORED. */
  private void store(byte[] a, int from, int end, boolean noreply) {
    int field = 0;
    long bytes = -1;
    int i = from;
    while (i < end && field < 4) {
      while (i < end && a[i] == ' ') {
        i++;
      }
      int tokenStart = i;
      while (i < end && a[i] != ' ') {
        i++;
      }
      if (i > tokenStart && ++field == 4) {
        bytes = parseLength(a, tokenStart, i);
      }
    }
    if (bytes < 0) {
      put(BAD_FORMAT);
      closing = true; // without a length the data block cannot be skipped: the stream is lost
      return;
    }
    skip = bytes + 2;
    reply(STORED, noreply);
  }

  private void reply(byte[] reply, boolean noreply) {
    if (!noreply) {
      put(reply);
    }
  }

  private static long parseLength(byte[] a, int from, int to) {
    if (to - from > 9) {
      return -1;
    }
    long n = 0;
    for (int i = from; i < to; i++) {
      if (a[i] < '0' || a[i] > '9') {
        return -1;
      }
      n = n * 10 + (a[i] - '0');
    }
    return n;
  }

  private void put(byte[] b) {
    put(b, 0, b.length);
  }

  private void put(byte[] b, int offset, int length) {
    if (out.remaining() < length) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + length));
      out.flip();
      bigger.put(out);
      out = bigger;
    }
    out.put(b, offset, length);
  }

  private static int indexOf(byte[] a, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean endsWith(byte[] a, int start, int end, String suffix) {
    int n = suffix.length();
    if (end - start < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (a[end - n + i] != suffix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
