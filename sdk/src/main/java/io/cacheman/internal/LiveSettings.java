package io.cacheman.internal;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.internal.KeyCatalog;
import io.cacheman.config.internal.NodeListSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which settings a running client can change, and what a change leaves in force. Live: the node
 * list, hashing, ketama ring names, failover mode and reload interval; they only decide where a
 * request goes, so a new topology takes them over atomically. Everything else is built into the
 * client's threads, connections, breakers or transcoders when it opens: a change to it is reported
 * as taking effect after a restart, and the value the client runs with stays in force.
 */
final class LiveSettings {
  static final Set<String> LIVE = Set.of(KeyCatalog.NODES, KeyCatalog.HASHING, KeyCatalog.KETAMA_NODE_NAMES,
      KeyCatalog.FAILOVER_MODE, KeyCatalog.RELOAD_INTERVAL, KeyCatalog.DISCOVERY_INTERVAL);

  /**
   * The outcome of comparing the settings in force with wanted ones.
   *
   * @param effective the settings to run with: the wanted live ones, the current others
   * @param applied live settings that change, as {@code key: old -> new}
   * @param needRestart other settings that differ, as {@code key: old -> new}
   * @param routingChanged whether the node list or the way keys map to it changes
   */
  record Change(CachemanConfig effective, List<String> applied, List<String> needRestart, boolean routingChanged) {}

  private LiveSettings() {}

  static Change between(CachemanConfig current, CachemanConfig wanted) {
    CachemanConfig effective = current.toBuilder()
        .nodes(wanted.nodes())
        .hashing(wanted.hashing())
        .ketamaNodeNames(wanted.ketamaNodeNames())
        .failoverMode(wanted.failoverMode())
        .reloadInterval(wanted.reloadInterval())
        .discovery(wanted.discovery().orElse(null))
        .discoveryInterval(wanted.discoveryInterval())
        .build();
    List<String> applied = new ArrayList<>();
    List<String> needRestart = new ArrayList<>();
    boolean routing = false;
    for (KeyCatalog.Setting setting : KeyCatalog.all()) {
      String before = setting.write().apply(current);
      String after = setting.write().apply(wanted);
      if (!before.equals(after)) {
        boolean live = LIVE.contains(setting.key());
        (live ? applied : needRestart).add(setting.key() + ": " + before + " -> " + after);
        routing |= live && !setting.key().equals(KeyCatalog.RELOAD_INTERVAL)
            && !setting.key().equals(KeyCatalog.DISCOVERY_INTERVAL);
      }
    }
    if (!current.nodes().equals(wanted.nodes()) && wanted.discovery().isPresent()
        && wanted.discovery().equals(current.discovery())) { // the same DNS name answered with other nodes
      applied.add(KeyCatalog.NODES + " (" + wanted.discovery().get() + "): "
          + NodeListSyntax.format(current.nodes()) + " -> " + NodeListSyntax.format(wanted.nodes()));
      routing = true;
    }
    return new Change(effective, applied, needRestart, routing);
  }
}
