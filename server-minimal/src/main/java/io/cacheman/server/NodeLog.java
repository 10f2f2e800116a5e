package io.cacheman.server;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/** Lines the command line logs about the node: advice on JVM sizing, the final stats. */
final class NodeLog {
  private NodeLog() {}

  /**
   * Items and hash buckets live in direct memory, buffers on the heap: say so when the JVM allows
   * too little of either, or a heap far larger than needed (which lets resident memory grow).
   */
  static void adviseOnMemory(Logger log, ServerConfig config) {
    long limit = config.memoryLimitBytes();
    List<String> advised = JvmSizing.options(limit, config.maxItemSize());
    long heapMb = Runtime.getRuntime().maxMemory() >> 20;
    long directMb = JvmSizing.maxDirectMemoryBytes() >> 20;
    if (directMb < JvmSizing.directMemoryMegabytes(limit, config.maxItemSize())
        || heapMb < JvmSizing.heapMegabytes(limit) * 3 / 4) {
      log.warn("the JVM allows {} MB of heap and {} MB of direct memory, too little for a memory "
          + "limit of {} MB; the node will hold fewer items; run java {} -jar ...", heapMb,
          directMb, limit >> 20, String.join(" ", advised));
    } else if (heapMb > 4 * JvmSizing.heapMegabytes(limit)) {
      log.info("the JVM heap may grow to {} MB; to bound resident memory run java {} -jar ... "
          + "(see docs/server.md)", heapMb, String.join(" ", advised));
    }
  }

  /**
   * One warning when anyone who can reach the node's address can read and change every item:
   * it listens beyond loopback with neither TLS nor authentication.
   */
  static void adviseOnSecurity(Logger log, ServerConfig config, String address) {
    if (config.tls() != null || config.authFile() != null || isLoopback(config.listenAddress())) {
      return;
    }
    log.warn("listening on {} with neither TLS nor authentication: anyone who can reach it can "
        + "read, change and flush every item; set -Z with -o ssl_chain_cert=FILE,ssl_key=FILE "
        + "and/or -Y FILE (see docs/operating.md), or listen on 127.0.0.1", address);
  }

  private static boolean isLoopback(String listen) {
    try {
      return java.net.InetAddress.getByName(listen).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  static String summary(Map<String, Object> stats) {
    StringBuilder sb = new StringBuilder();
    for (String name : new String[] {"uptime", "total_connections", "rejected_connections",
        "cmd_get", "get_hits", "get_misses", "cmd_set", "curr_items", "total_items", "bytes",
        "evictions", "reclaimed", "bytes_read", "bytes_written"}) {
      sb.append(sb.length() == 0 ? "" : " ").append(name).append('=').append(stats.get(name));
    }
    return sb.toString();
  }

}
