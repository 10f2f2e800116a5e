package io.cacheman.bench.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A plain text-protocol connection the bench drives itself (loading, filling, timed gets). */
final class RawConnection {
  /** Generous: a server busy taking millions of items may not read for seconds. */
  private static final int TIMEOUT_MILLIS = 60_000;
  /** Longer than any reply the bench asks for: a longer line means the stream is out of step. */
  private static final int MAX_LINE = 1024;

  private RawConnection() {}

  /** A connected socket, reads timing out after {@value #TIMEOUT_MILLIS} ms, Nagle off. */
  static Socket open(InetSocketAddress server) throws IOException {
    Socket s = new Socket();
    try {
      s.connect(server, TIMEOUT_MILLIS);
      s.setSoTimeout(TIMEOUT_MILLIS);
      s.setTcpNoDelay(true);
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /**
   * The next line without its line end.
   *
   * @param during what the connection was doing, for the message ("during the fill")
   */
  static String readLine(InputStream in, String during) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the server closed the connection " + during);
      }
      if (b.length() == MAX_LINE) {
        throw new IOException("the server answered a line longer than " + MAX_LINE + " bytes " + during);
      }
      b.append((char) c);
    }
    return b.toString().strip();
  }
}
