package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.stats.RateLimitedLog;
import io.cacheman.server.internal.stats.ServerStats;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Error lines a {@code noreply} command does not get. Like memcached, {@code noreply} silences
 * every reply of its command: a client that sent it reads no reply, so an error line would be taken
 * as the answer to its next command (RELIABILITY.md §A26). Each refusal is counted ({@code
 * noreply_errors}) and logged, at most one line a second, so an operator still sees them.
 */
final class NoreplyErrors {
  private static final RateLimitedLog LOG = new RateLimitedLog(
      LoggerFactory.getLogger(ProtocolHandler.class), System::nanoTime, 1, TimeUnit.SECONDS);

  private NoreplyErrors() {}

  static void refused(ServerStats stats, byte[] errorLine) {
    stats.noreplyErrors.increment();
    LOG.warn("refused a noreply command, whose client hears nothing: "
        + new String(errorLine, 0, errorLine.length - 2, StandardCharsets.US_ASCII), null);
  }
}
