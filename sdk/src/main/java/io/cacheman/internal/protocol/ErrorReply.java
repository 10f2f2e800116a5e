package io.cacheman.internal.protocol;

/**
 * A server error line ({@code ERROR}, {@code CLIENT_ERROR <reason>} or {@code SERVER_ERROR <reason>},
 * memcached {@code protocol.txt} "Error strings") received in place of a normal reply.
 *
 * @param line the line as received, without CRLF
 */
public record ErrorReply(String line) {

  /** True for {@code SERVER_ERROR …}: the server could not do it (too large, out of memory). */
  public boolean isServerError() {
    return line.startsWith("SERVER_ERROR");
  }
}
