package io.cacheman.bench.server;

import java.io.IOException;
import java.io.InputStream;

/** One reply line of the text protocol, read from a raw connection the bench drives itself. */
final class ReplyLine {
  /** Longer than any reply the bench asks for: a longer line means the stream is out of step. */
  private static final int MAX_LINE = 1024;

  private ReplyLine() {}

  /**
   * The next line without its line end.
   *
   * @param during what the connection was doing, for the message ("during the fill")
   */
  static String read(InputStream in, String during) throws IOException {
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
