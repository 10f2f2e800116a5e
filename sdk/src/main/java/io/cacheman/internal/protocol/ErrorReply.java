package io.cacheman.internal.protocol;

/**
 * A server error line ({@code ERROR}, {@code CLIENT_ERROR <reason>} or {@code SERVER_ERROR <reason>},
 * memcached {@code protocol.txt} "Error strings") received in place of a normal reply.
 *
 * @param line the line as received, without CRLF
 */
public record ErrorReply(String line) {

  /** The line, and what to do about it where the line alone would leave a user guessing. */
  public String describe() {
    return line.equals("CLIENT_ERROR unauthenticated")
        ? line + " (the node wants authentication: set cacheman.auth.username and a password source)" : line;
  }

  /** True for {@code SERVER_ERROR …}: the server could not do it (too large, out of memory). */
  public boolean isServerError() {
    return line.startsWith("SERVER_ERROR");
  }
}
