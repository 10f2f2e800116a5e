package io.cacheman.bench.client;

import java.time.Duration;

/**
 * What every client is given, so they are configured alike.
 *
 * @param connections connections per server, for the clients that pool them (Cacheman, xmemcached,
 *     folsom); spymemcached always uses one multiplexed connection per server
 * @param timeout operation timeout
 * @param maxInFlight requests the run may have in flight at once (threads x window); clients with
 *     a cap on outstanding requests get at least this, so none is refused for being over a cap
 *     the workload was sized to hit
 * @param asyncThreads threads the xmemcached adapter may block in to offer an async API (it has
 *     none of its own); the other clients ignore it
 * @param meta whether Cacheman speaks memcached's meta protocol ({@code cacheman.protocol = meta});
 *     the other clients speak text
 * @param compressionThreshold values of at least this many bytes are compressed by the clients that
 *     can (Cacheman, spymemcached and xmemcached, each with its own transcoder); folsom never
 *     compresses. 0: no client compresses, values pass through as raw bytes
 */
public record ClientSettings(int connections, Duration timeout, int maxInFlight, int asyncThreads, boolean meta,
    int compressionThreshold) {

  /** Settings with the text protocol, no compression. */
  public ClientSettings(int connections, Duration timeout, int maxInFlight, int asyncThreads) {
    this(connections, timeout, maxInFlight, asyncThreads, false);
  }

  /** Settings without compression. */
  public ClientSettings(int connections, Duration timeout, int maxInFlight, int asyncThreads, boolean meta) {
    this(connections, timeout, maxInFlight, asyncThreads, meta, 0);
  }

  /** Checks the ranges. */
  public ClientSettings {
    if (connections < 1 || connections > 64) {
      throw new IllegalArgumentException("connections must be 1..64, was " + connections);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("max in flight must be at least 1, was " + maxInFlight);
    }
    if (asyncThreads < 1) {
      throw new IllegalArgumentException("async threads must be at least 1, was " + asyncThreads);
    }
    if (compressionThreshold < 0) {
      throw new IllegalArgumentException("compression threshold must be 0 (off) or more bytes, was "
          + compressionThreshold);
    }
  }
}
