package io.cacheman.internal;

import io.cacheman.CachemanException;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.ConfigException;
import io.cacheman.config.ConfigLoader;
import io.cacheman.internal.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the settings file a client was opened from and applies what changed.
 *
 * <h2>Why polling</h2>
 * The file's bytes are read every {@code cacheman.reload-interval} and compared with the last
 * ones, rather than waiting for file-system events. A {@code WatchService} watches directory
 * entries, not the file a path finally resolves to: a Kubernetes ConfigMap volume replaces its
 * files by swapping a {@code ..data} symlink, an editor may write a new file and rename it over
 * the old one, and network file systems send no events at all. Reading a file of a few hundred
 * bytes every couple of seconds costs nothing and sees every one of those changes. The contents,
 * not the modification time, decide: some file systems keep times to the second, and a swapped
 * symlink can point at a file with an older time.
 *
 * <h2>What a change does</h2>
 * A change is acted on once the file reads the same twice in a row a short moment apart, so a
 * file caught half-written is never applied. A file that parses is handed to
 * {@link Client#reconfigure}. A broken one (or one that cannot be read) is logged at WARN with the
 * file, line, key and value, and the settings in force stay; the next good edit is applied.
 *
 * <h2>Threading</h2>
 * The client's timer times the checks; the reads run on its connector threads, so a slow file
 * system never holds up reconnects or probes. One check runs at a time.
 */
final class ConfigWatcher {
  private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);
  private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  /** As ConfigLoader's bound: anything larger is not a settings file, and loading it reports so. */
  private static final int MAX_BYTES = 1024 * 1024 + 1;

  private final Client client;
  private final Path file;
  private Contents seen;
  private Contents acted;
  private volatile Clock.Cancellable next;
  private volatile boolean stopped;

  /** What a read found: the bytes, or why there were none. */
  private record Contents(byte[] bytes, String error) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Contents c && Arrays.equals(bytes, c.bytes) && java.util.Objects.equals(error, c.error);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }

  private ConfigWatcher(Client client, Path file) {
    this.client = client;
    this.file = file;
  }

  /** Starts watching {@code file}, which the client's settings in force were just read from. */
  static ConfigWatcher start(Client client, Path file) {
    ConfigWatcher watcher = new ConfigWatcher(client, file.toAbsolutePath());
    synchronized (watcher) {
      watcher.seen = read(watcher.file);
      watcher.acted = null; // the first check loads the file again: an edit made since open is not lost
      watcher.scheduleIn(client.config().reloadInterval().toNanos());
    }
    log.debug("Cacheman client {} watches {} every {}", client.name, watcher.file, client.config().reloadInterval());
    return watcher;
  }

  /** Stops watching; never waits for a check in progress (a read may hang on a network file system). Idempotent. */
  void stop() {
    stopped = true;
    Clock.Cancellable pending = next;
    if (pending != null) {
      pending.cancel();
    }
  }

  private void scheduleIn(long nanos) {
    if (stopped) {
      return;
    }
    try {
      next = client.clock.schedule(this::checkSoon, nanos);
      if (stopped) {
        next.cancel(); // stop() ran meanwhile and may have missed this one
      }
    } catch (RejectedExecutionException e) {
      stopped = true; // the client is closing
    }
  }

  private void checkSoon() {
    try {
      client.threads.connector.execute(this::check);
    } catch (RejectedExecutionException e) {
      log.debug("not checking {}: the client is closing", file);
    }
  }

  private synchronized void check() {
    if (stopped) {
      return;
    }
    Contents now = read(file);
    if (!now.equals(seen)) {
      seen = now; // changed since the last look: act once it holds still
      scheduleIn(Math.min(SETTLE_NANOS, client.config().reloadInterval().toNanos()));
      return;
    }
    if (!now.equals(acted)) {
      acted = now;
      act(now);
    }
    long interval = client.config().reloadInterval().toNanos();
    if (interval == 0) {
      log.info("Cacheman client {} no longer watches {} (cacheman.reload-interval is 0s)", client.name, file);
      stopped = true;
      return;
    }
    scheduleIn(interval);
  }

  private void act(Contents now) {
    if (now.error() != null) {
      log.warn("Cacheman client {}: cannot read {} ({}); the settings in force stay", client.name, file, now.error());
      return;
    }
    try {
      CachemanConfig config = ConfigLoader.load(file);
      client.reconfigure(config, file.toString());
    } catch (ConfigException e) {
      log.warn("Cacheman client {} ignored a broken edit: {}; the settings in force stay", client.name,
          e.getMessage());
    } catch (CachemanException e) {
      stopped = true; // closed meanwhile
    }
  }

  private static Contents read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new Contents(in.readNBytes(MAX_BYTES), null);
    } catch (IOException e) {
      return new Contents(null, e.toString());
    }
  }
}
