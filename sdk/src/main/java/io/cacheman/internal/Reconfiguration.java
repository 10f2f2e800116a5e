package io.cacheman.internal;

import io.cacheman.CachemanException;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.Discovery;
import io.cacheman.config.NodeAddress;
import io.cacheman.internal.discovery.Resolver;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings of a running client and how they change. A change applies the live settings
 * ({@link LiveSettings}) at once, the node list and routing by swapping in a new topology
 * ({@link Membership#swap}); other changed settings are logged (WARN) as taking effect after a
 * restart and keep the value in force. A client opened from a file has a {@link ConfigWatcher}
 * that feeds edits of it here. Changes are serialised; reads are a volatile read.
 */
final class Reconfiguration {
  private static final Logger log = LoggerFactory.getLogger(Reconfiguration.class);

  private final Client client;
  private volatile CachemanConfig current;
  private volatile ConfigWatcher watcher;
  private volatile NodeDiscovery discovery;

  Reconfiguration(Client client, CachemanConfig opened) {
    this.client = client;
    this.current = opened;
  }

  /** Starts watching {@code file}, unless {@code cacheman.reload-interval} is 0. */
  void watch(Path file) {
    if (!current.reloadInterval().isZero()) {
      watcher = ConfigWatcher.start(client, file);
    }
  }

  /** Looks node lists up through {@code resolver} from now on, and follows the DNS name of the settings in force. */
  void discover(Resolver resolver) {
    discovery = new NodeDiscovery(client, this, resolver);
    discovery.start(current);
  }

  /** Stops watching the settings file and looking up a DNS name, if either is done. */
  void stopWatching() {
    ConfigWatcher w = watcher;
    if (w != null) {
      w.stop();
    }
    NodeDiscovery d = discovery;
    if (d != null) {
      d.stop();
    }
  }

  /** Applies the nodes a lookup of {@code name} found, unless the settings in force have stopped naming it. */
  synchronized void applyDiscovered(Discovery name, List<NodeAddress> nodes) {
    if (current.discovery().equals(Optional.of(name))) {
      apply(current.toBuilder().nodes(nodes).build(), name.toString());
    }
  }

  /** The watcher of the settings file, or null when none runs. */
  ConfigWatcher watcher() {
    return watcher;
  }

  CachemanConfig current() {
    return current;
  }

  /**
   * Applies what can change of {@code wanted}, which came from {@code source} (a file, or {@code reconfigure()});
   * returns the settings in force afterwards. Throws {@link CachemanException} once the client is closed.
   */
  synchronized CachemanConfig apply(CachemanConfig wanted, String source) {
    client.checkOpen("reconfigure");
    NodeDiscovery d = discovery;
    wanted = d == null ? wanted : d.prepare(wanted); // a DNS name's nodes come from its lookups
    LiveSettings.Change change = LiveSettings.between(current, wanted);
    if (!change.needRestart().isEmpty()) {
      log.warn("Cacheman client {}: settings changed in {} take effect only after a restart; still using the "
          + "values in force for {}", client.name, source, change.needRestart());
    }
    if (change.applied().isEmpty()) {
      log.debug("Cacheman client {}: nothing to apply from {}", client.name, source);
      return current;
    }
    CachemanConfig effective = change.effective();
    Membership.Swap swap = change.routingChanged() ? client.membership.swap(effective) : null;
    current = effective; // config() shows a node list only once it routes
    if (swap != null) {
      log.info("Cacheman client {} applied {}: {}; nodes added {}, removed {}", client.name, source, change.applied(),
          swap.added(), swap.removed());
    } else {
      log.info("Cacheman client {} applied {}: {}", client.name, source, change.applied());
    }
    return current;
  }
}
