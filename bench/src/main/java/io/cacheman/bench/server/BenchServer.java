package io.cacheman.bench.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalLong;

/**
 * Servers a run targets: ones the bench started (and stops on {@link #close()}), or ones given by
 * address that it leaves alone.
 */
public interface BenchServer extends AutoCloseable {

  /** Where the clients connect, in configured order. */
  List<InetSocketAddress> addresses();

  /** The server's process id when it runs as a separate process of ours, for memory readings. */
  OptionalLong pid();

  /** One line for report headers, e.g. {@code memcached 1.6.18 -t 2 -m 1024 on 127.0.0.1:40123}. */
  String describe();

  /** Stops the server if the bench started it; idempotent. */
  @Override
  void close();
}
