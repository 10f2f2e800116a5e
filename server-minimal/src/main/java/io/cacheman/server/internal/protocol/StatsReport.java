package io.cacheman.server.internal.protocol;

import io.cacheman.server.Eviction;
import io.cacheman.server.ServerConfig;
import io.cacheman.server.TlsSettings;
import io.cacheman.server.internal.store.ItemStore;
import io.cacheman.server.internal.stats.ServerStats;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes {@code stats} and {@code stats settings} in memcached's format and naming. */
final class StatsReport {
  static final byte[] ITEMS = Words.ascii("items");
  static final byte[] SLABS = Words.ascii("slabs");
  static final byte[] SIZES = Words.ascii("sizes");
  static final byte[] CONNS = Words.ascii("conns");
  private static final long PID = ProcessHandle.current().pid();

  private final NodeContext node;

  StatsReport(NodeContext node) {
    this.node = node;
  }

  /** The general counters and gauges, in memcached's order and naming. */
  Map<String, Object> general() {
    ServerStats s = node.stats;
    ItemStore store = node.store;
    long now = store.nowSeconds();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pid", PID);
    m.put("uptime", now - node.startedAtSeconds);
    m.put("time", now);
    m.put("version", node.version);
    m.put("pointer_size", 64);
    m.put("max_connections", node.config.maxConnections());
    m.put("curr_connections", node.currentConnections());
    m.put("total_connections", s.totalConnections.sum());
    m.put("rejected_connections", s.rejectedConnections.sum());
    m.put("cmd_get", s.cmdGet.sum());
    m.put("cmd_set", s.cmdSet.sum());
    m.put("cmd_flush", s.cmdFlush.sum());
    m.put("cmd_touch", s.cmdTouch.sum());
    m.put("get_hits", s.getHits.sum());
    m.put("get_misses", s.getMisses.sum());
    m.put("get_expired", s.getExpired.sum());
    m.put("get_flushed", s.getFlushed.sum());
    m.put("delete_misses", s.deleteMisses.sum());
    m.put("delete_hits", s.deleteHits.sum());
    m.put("incr_misses", s.incrMisses.sum());
    m.put("incr_hits", s.incrHits.sum());
    m.put("decr_misses", s.decrMisses.sum());
    m.put("decr_hits", s.decrHits.sum());
    m.put("cas_misses", s.casMisses.sum());
    m.put("cas_hits", s.casHits.sum());
    m.put("cas_badval", s.casBadval.sum());
    m.put("touch_hits", s.touchHits.sum());
    m.put("touch_misses", s.touchMisses.sum());
    m.put("store_too_large", s.storeTooLarge.sum());
    m.put("store_no_memory", s.storeNoMemory.sum());
    m.put("auth_cmds", s.authCmds.sum());
    m.put("auth_errors", s.authErrors.sum());
    m.put("bytes_read", s.bytesRead.sum());
    m.put("bytes_written", s.bytesWritten.sum());
    m.put("limit_maxbytes", store.limitBytes());
    m.put("accepting_conns", node.accepting() ? 1 : 0);
    m.put("listen_disabled_num", s.listenDisabled.sum());
    m.put("time_in_listen_disabled_us", s.listenDisabledMicros.sum());
    m.put("threads", node.config.threads());
    m.put("hash_bytes", store.hashBytes());
    if (node.tls() != null) {
      m.put("ssl_handshake_errors", s.sslHandshakeErrors.sum());
      m.put("time_since_server_cert_refresh", node.tls().secondsSinceLoad());
    }
    m.put("bytes", store.bytes());
    m.put("curr_items", store.itemCount());
    m.put("total_items", s.totalItems.sum());
    m.put("expired_unfetched", s.expiredUnfetched.sum());
    m.put("evicted_unfetched", s.evictedUnfetched.sum());
    m.put("evictions", s.evictions.sum());
    m.put("reclaimed", s.reclaimed.sum());
    m.put("protocol_errors", s.protocolErrors.sum());
    m.put("deadline_closes", s.deadlineCloses.sum());
    m.put("noreply_errors", s.noreplyErrors.sum());
    return m;
  }

  void writeGeneral(Output out) {
    for (Map.Entry<String, Object> e : general().entrySet()) {
      line(out, e.getKey(), String.valueOf(e.getValue()));
    }
    out.write(Words.END);
  }

  void settings(Output out) {
    ServerConfig c = node.config;
    line(out, "maxbytes", c.memoryLimitBytes());
    line(out, "maxconns", c.maxConnections());
    line(out, "tcpport", node.port());
    line(out, "udpport", 0);
    line(out, "inter", c.listenAddress());
    line(out, "domain_socket", "NULL");
    line(out, "verbosity", node.verbosity());
    line(out, "evictions", c.eviction() == Eviction.NONE ? "off" : "on");
    line(out, "eviction_policy", c.eviction().name().toLowerCase());
    line(out, "num_threads", c.threads());
    line(out, "item_size_max", c.maxItemSize());
    line(out, "cas_enabled", "yes");
    line(out, "flush_enabled", "yes");
    line(out, "shutdown_command", "no");
    line(out, "tcp_nodelay", "yes");
    line(out, "max_line", ProtocolHandler.MAX_LINE);
    line(out, "max_get_line", ProtocolHandler.MAX_GET_LINE);
    line(out, "data_timeout", ProtocolHandler.DATA_TIMEOUT_SECONDS);
    line(out, "auth_enabled_ascii", node.credentials != null ? "yes" : "no");
    TlsSettings tls = c.tls();
    line(out, "ssl_enabled", tls != null ? "yes" : "no");
    if (tls != null) {
      // paths, as memcached shows them; never a key's or password's contents
      line(out, "ssl_chain_cert", tls.chainCert().toString());
      line(out, "ssl_key", tls.key().toString());
      line(out, "ssl_verify_mode", tls.verifyMode());
      line(out, "ssl_ca_cert", tls.caCert() == null ? "NULL" : tls.caCert().toString());
      line(out, "ssl_min_version", tls.minVersionName());
    }
    out.write(Words.END);
  }

  /** {@code stats slabs}: memcached's per-class lines for each class holding pages. */
  void slabs(Output out) {
    long[][] rows = node.store.slabClasses();
    long malloced = 0;
    for (long[] r : rows) {
      String c = r[0] + ":";
      line(out, c + "chunk_size", r[1]);
      line(out, c + "chunks_per_page", r[2]);
      line(out, c + "total_pages", r[3]);
      line(out, c + "total_chunks", r[2] * r[3]);
      line(out, c + "used_chunks", r[4]);
      line(out, c + "free_chunks", r[2] * r[3] - r[4]);
      line(out, c + "free_chunks_end", r[5]);
      malloced += r[3] * node.store.slabPages()[1];
    }
    line(out, "active_slabs", rows.length);
    line(out, "total_malloced", malloced);
    out.write(Words.END);
  }

  /** {@code stats items}: per class holding items, its item count and evictions. */
  void items(Output out) {
    for (long[] r : node.store.slabClasses()) {
      if (r[4] == 0 && r[6] == 0) {
        continue;
      }
      String c = "items:" + r[0] + ":";
      line(out, c + "number", r[4]);
      line(out, c + "number_hot", 0);
      line(out, c + "number_warm", 0);
      line(out, c + "number_cold", r[4]);
      line(out, c + "evicted", r[6]);
    }
    out.write(Words.END);
  }

  private static void line(Output out, String name, long value) {
    line(out, name, Long.toString(value));
  }

  private static void line(Output out, String name, String value) {
    out.writeAscii("STAT " + name + " " + value + "\r\n");
  }
}
