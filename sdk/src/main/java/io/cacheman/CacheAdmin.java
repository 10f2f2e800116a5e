package io.cacheman;

import io.cacheman.config.CachemanConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The administrative side of a client, kept apart from the data operations of {@link Cache} and
 * {@link AsyncCache}: statistics, routing, the settings in force and their live change, and
 * listeners. Every view of one client has the same admin ({@code cache.admin()}).
 */
public interface CacheAdmin {

  /** The client's name, {@code cacheman-<n>}; every thread it starts is named {@code <name>-…}. */
  String name();

  /** A snapshot of per-node and total statistics, as this client measured them. */
  ClientStats stats();

  /**
   * The nodes' own statistics ({@code stats} sent to every node in parallel), by node
   * {@code host:port} in configured order; a node that does not answer by the operation timeout
   * maps to an empty map. Blocks for one operation timeout at most.
   */
  Map<String, Map<String, String>> serverStats();

  /**
   * The {@code host:port} of the node {@code key} is routed to now (following failover when its
   * owner is out), or {@code null} when no node can take it. Does no I/O.
   *
   * @throws IllegalArgumentException for an invalid key
   */
  String nodeFor(String key);

  /** The nodes of the current node list, in configured order, with their live counters. */
  List<NodeMetrics> nodes();

  /**
   * Applies new settings while the client runs, without blocking on the network. The node list,
   * {@code cacheman.hashing}, {@code cacheman.ketama.node-names}, {@code cacheman.failover.mode} and
   * {@code cacheman.reload-interval} change at once, together: calls already under way finish on
   * their old routes, new calls take the new ones; nodes still listed keep their connections,
   * health and stats; connections to nodes no longer listed close once the requests on them have
   * finished (one operation timeout at most); new nodes connect in the background. The other
   * settings are built into the client when it opens: a change to one of them is logged as taking
   * effect after a restart, and {@link #config()} keeps the value in force.
   *
   * <p>A client opened from a file does this by itself when the file changes; see
   * {@code cacheman.reload-interval}.
   *
   * @throws CachemanException when the client is closed
   */
  void reconfigure(CachemanConfig config);

  /** The settings in force: those the client opened with, with the live ones of the last change applied. */
  CachemanConfig config();

  /**
   * Waits until every node of the node list has an open connection, for {@code timeout} at most:
   * an application that wants its first calls to find the client connected calls this once after
   * opening it ({@code Cacheman} never blocks on the network). A call made before that waits for
   * its connection anyway, up to {@code cacheman.connect-timeout} on top of its operation timeout.
   *
   * @return true when every node is connected; false when the time ran out first (the client
   *     goes on connecting in the background)
   */
  boolean awaitConnected(Duration timeout);

  /** False once the client has begun to close. */
  boolean isOpen();

  /** Hears about node list changes and the close from now on. */
  void addListener(ClientListener listener);

  /** Stops {@code listener} hearing about changes. */
  void removeListener(ClientListener listener);
}
