package io.cacheman.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** A blocking test client speaking raw bytes to a node, with a read timeout on every read. */
final class TextClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  TextClient(int port) throws IOException {
    this(port, 5000);
  }

  TextClient(int port, int readTimeoutMillis) throws IOException {
    this(connect(new Socket(), port, readTimeoutMillis));
  }

  private TextClient(Socket connected) throws IOException {
    socket = connected;
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** A client speaking TLS through {@code factory}; returns once the handshake is done. */
  static TextClient overTls(int port, SSLSocketFactory factory, int readTimeoutMillis)
      throws IOException {
    SSLSocket tls = (SSLSocket) connect(factory.createSocket(), port, readTimeoutMillis);
    tls.startHandshake();
    return new TextClient(tls);
  }

  private static Socket connect(Socket socket, int port, int readTimeoutMillis)
      throws IOException {
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(readTimeoutMillis);
    socket.setTcpNoDelay(true);
    return socket;
  }

  TextClient send(String ascii) throws IOException {
    return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
  }

  TextClient send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** The socket's output, for writing large pipelines through a buffer. */
  OutputStream output() {
    return out;
  }

  /** Reads one line including its {@code \r\n}. */
  String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after " + sb.length() + " bytes: " + sb);
      }
      sb.append((char) b);
      if (b == '\n') {
        return sb.toString();
      }
    }
  }

  /** Sends a command and returns the first reply line. */
  String call(String command) throws IOException {
    send(command);
    return line();
  }

  /** Reads exactly {@code n} bytes. */
  String exactly(int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new IOException("connection closed after " + b.length + " of " + n + " bytes");
    }
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** Reads lines until (and including) one equal to {@code last}. */
  String until(String last) throws IOException {
    StringBuilder sb = new StringBuilder();
    String line;
    do {
      line = line();
      sb.append(line);
    } while (!line.equals(last));
    return sb.toString();
  }

  /** Half-closes, then reads everything until the server closes. */
  byte[] finish() throws IOException {
    socket.shutdownOutput();
    return readToEnd();
  }

  /** Reads until the server closes the connection (fails on timeout). */
  byte[] readToEnd() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[65536];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        all.write(buf, 0, n);
      }
    } catch (IOException e) {
      if (e instanceof SocketTimeoutException) {
        throw new IOException("server did not close; got " + all.size() + " bytes: "
            + all.toString(StandardCharsets.ISO_8859_1), e);
      }
      // A reset after the server closed is an end too.
    }
    return all.toByteArray();
  }

  /** True when the server has closed the connection (reads EOF or a reset). */
  boolean isClosedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** A {@code stats} value. */
  long stat(String name) throws IOException {
    send("stats\r\n");
    long value = -1;
    String line;
    while (!(line = line()).equals("END\r\n")) {
      String[] parts = line.trim().split(" ");
      if (parts[1].equals(name)) {
        value = Long.parseLong(parts[2]);
      }
    }
    return value;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
