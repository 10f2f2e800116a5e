package io.cacheman.internal;

import io.cacheman.CachemanException;
import io.cacheman.config.CachemanConfig;
import java.nio.file.Path;
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

  void stopWatching() {
    ConfigWatcher w = watcher;
    if (w != null) {
      w.stop();
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
    LiveSettings.Change change = LiveSettings.between(current, wanted);
    if (!change.needRestart().isEmpty()) {
      log.warn("Cacheman client {}: settings changed in {} take effect only after a restart; still using the "
          + "values in force for {}", client.name, source, change.needRestart());
    }
    if (change.applied().isEmpty()) {
      log.debug("Cacheman client {}: nothing to apply from {}", client.name, source);
      return current;
    }
    current = change.effective();
    if (change.routingChanged()) {
      Membership.Swap swap = client.membership.swap(current);
      log.info("Cacheman client {} applied {}: {}; nodes added {}, removed {}", client.name, source, change.applied(),
          swap.added(), swap.removed());
    } else {
      log.info("Cacheman client {} applied {}: {}", client.name, source, change.applied());
    }
    return current;
  }
}
