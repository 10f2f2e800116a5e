package io.cacheman.bench.client;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

/** The clients the bench can drive, each opened the way its documentation recommends for throughput. */
public enum ClientType {
  /** Our SDK: pipelined pooled connections, bytes transcoder. */
  CACHEMAN("pipelined, %d connections per node, FNV-1a modulo, byte[] values"),
  /** spymemcached 2.12: ASCII protocol, one pipelined connection per node, array-mod routing. */
  SPYMEMCACHED("ASCII protocol, 1 pipelined connection per node (its design), default array-mod routing"),
  /** xmemcached 2.4: text protocol, a pool of NIO connections per node. */
  XMEMCACHED("text protocol, connection pool of %d per node; async = blocking calls on a thread pool (no async API)"),
  /** folsom 1.21: ASCII protocol over netty. */
  FOLSOM("ASCII protocol over netty, %d connections per node, ketama routing");

  private final String configuration;

  ClientType(String configuration) {
    this.configuration = configuration;
  }

  /** The lower-case name used on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** How the client is configured, for the header of a report. */
  public String describe(ClientSettings settings) {
    String compression = compression(settings.compressionThreshold());
    return String.format(Locale.ROOT, configuration, settings.connections())
        + (compression.isEmpty() ? "" : ", " + compression);
  }

  /** What this client does with values of at least {@code threshold} bytes, for a report; empty for 0 (off). */
  public String compression(int threshold) {
    return threshold == 0 ? "" : this == FOLSOM ? "never compresses" : "compresses values of " + threshold + " B or more";
  }

  /**
   * Opens a client of this type to {@code servers}.
   *
   * @throws Exception whatever the library throws while connecting
   */
  public ClientAdapter open(List<InetSocketAddress> servers, ClientSettings settings) throws Exception {
    return switch (this) {
      case CACHEMAN -> new CachemanAdapter(servers, settings);
      case SPYMEMCACHED -> new SpymemcachedAdapter(servers, settings);
      case XMEMCACHED -> new XmemcachedAdapter(servers, settings);
      case FOLSOM -> new FolsomAdapter(servers, settings);
    };
  }

  /**
   * Parses a command-line name.
   *
   * @throws IllegalArgumentException listing the valid names
   */
  public static ClientType parse(String name) {
    for (ClientType t : values()) {
      if (t.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new IllegalArgumentException("client must be one of cacheman, spymemcached, xmemcached, folsom; was '"
        + name + "'");
  }
}
