package io.cacheman.internal;

import io.cacheman.CachemanException;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.ConfigException;
import io.cacheman.config.Discovery;
import io.cacheman.config.NodeAddress;
import io.cacheman.config.internal.KeyCatalog;
import io.cacheman.internal.discovery.NodeLookup;
import io.cacheman.internal.discovery.Resolver;
import io.cacheman.internal.time.Clock;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a client's node list in step with DNS when {@code cacheman.nodes} is {@code dns:HOST:PORT}
 * or {@code dns+srv:NAME}: looks the name up every {@code cacheman.discovery.interval} and hands a
 * changed answer to {@link Reconfiguration}, the path every live change takes (nodes that stay
 * keep their connections; under ketama only the keys of an added or removed node move).
 *
 * <h2>Failures</h2>
 * A lookup that fails or finds nothing keeps the last good list: a DNS outage must not empty a
 * cache cluster. It is logged once at WARN, and not again until a lookup succeeds, which is logged
 * at INFO. The first lookup, when the client opens, has no list to keep: it fails the open.
 *
 * <h2>Threading</h2>
 * As {@link ConfigWatcher}: the client's timer times the lookups and its connector threads make
 * them, so a slow DNS server holds up no caller and no I/O thread. One lookup runs at a time: the
 * next is scheduled when one ends.
 */
final class NodeDiscovery {
  private static final Logger log = LoggerFactory.getLogger(NodeDiscovery.class);
  /** Where a failed first lookup is reported: it has no file or line of its own. */
  static final String SOURCE = "DNS lookup";

  private final Client client;
  private final Reconfiguration owner;
  private final Resolver resolver;
  private Discovery polled;
  private List<NodeAddress> lastGood;
  private boolean failing;
  /** Counts the names followed, so that only the lookups of the current one go on. */
  private long epoch;
  private volatile Clock.Cancellable next;
  private volatile boolean stopped;

  NodeDiscovery(Client client, Reconfiguration owner, Resolver resolver) {
    this.client = client;
    this.owner = owner;
    this.resolver = resolver;
  }

  /**
   * {@code config} with the nodes its DNS name lists now, looked up on the calling thread; as it
   * is when it lists its nodes.
   *
   * @throws ConfigException naming {@code cacheman.nodes} and the name when the lookup finds no node
   */
  static CachemanConfig resolve(CachemanConfig config, Resolver resolver) {
    Discovery discovery = config.discovery().orElse(null);
    if (discovery == null || !config.nodes().isEmpty()) {
      return config;
    }
    try {
      return config.toBuilder().nodes(NodeLookup.lookup(discovery, resolver)).build();
    } catch (IOException e) {
      throw new ConfigException(SOURCE, 0, KeyCatalog.NODES, discovery.toString(),
          "found no node (" + e.getMessage() + "); a client needs at least one to start");
    }
  }

  /**
   * The settings {@link Reconfiguration} should apply for {@code wanted}: its nodes filled in from
   * DNS when it names a record. A name already followed keeps its last good list; a new one is
   * looked up now (on the caller's thread) and followed from then on. Without a name, polling stops.
   *
   * @throws ConfigException when a new name finds no node: the settings in force stay
   */
  synchronized CachemanConfig prepare(CachemanConfig wanted) {
    Discovery discovery = wanted.discovery().orElse(null);
    if (discovery == null) {
      follow(null, null);
      return wanted;
    }
    if (!wanted.nodes().isEmpty()) {
      follow(discovery, wanted.nodes());
      return wanted;
    }
    if (discovery.equals(polled) && lastGood != null) {
      return wanted.toBuilder().nodes(lastGood).build();
    }
    CachemanConfig found = resolve(wanted, resolver);
    follow(discovery, found.nodes());
    return found;
  }

  /** Starts following the name of the settings the client opened with, if they name one. */
  synchronized void start(CachemanConfig opened) {
    opened.discovery().ifPresent(d -> follow(d, opened.nodes()));
  }

  /** Stops looking up; never waits for a lookup in progress. Idempotent. */
  void stop() {
    stopped = true;
    cancelNext();
  }

  private void follow(Discovery discovery, List<NodeAddress> nodes) {
    boolean changed = discovery == null ? polled != null : !discovery.equals(polled);
    lastGood = nodes;
    if (!changed) {
      return;
    }
    polled = discovery;
    failing = false;
    epoch++; // a lookup of the name followed before ends without scheduling another
    cancelNext();
    if (discovery != null) {
      log.info("Cacheman client {} follows {}: {}", client.name, discovery, nodes);
      scheduleNext(epoch);
    }
  }

  private void cancelNext() {
    Clock.Cancellable pending = next;
    if (pending != null) {
      pending.cancel();
    }
  }

  private void scheduleNext(long forEpoch) {
    if (stopped) {
      return;
    }
    try {
      next = client.clock.schedule(() -> lookupSoon(forEpoch), client.config().discoveryInterval().toNanos());
      if (stopped) {
        next.cancel(); // stop() ran meanwhile and may have missed this one
      }
    } catch (RejectedExecutionException e) {
      stopped = true; // the client is closing
    }
  }

  private void lookupSoon(long forEpoch) {
    try {
      client.threads.connector.execute(() -> lookup(forEpoch));
    } catch (RejectedExecutionException e) {
      log.debug("not looking up {}: the client is closing", polled);
    }
  }

  /**
   * One lookup. DNS is asked without holding this object's lock, and the change is applied through
   * {@link Reconfiguration#applyDiscovered}, which takes the reconfiguration's lock and then this one (through
   * {@link #prepare}): always in that order, so a lookup and a concurrent reconfigure cannot
   * deadlock.
   */
  private void lookup(long forEpoch) {
    Discovery discovery;
    synchronized (this) {
      discovery = polled;
      if (stopped || forEpoch != epoch || discovery == null) {
        return;
      }
    }
    List<NodeAddress> found;
    try {
      found = NodeLookup.lookup(discovery, resolver);
    } catch (IOException | RuntimeException e) {
      failed(forEpoch, discovery, e);
      return;
    }
    synchronized (this) {
      if (forEpoch != epoch) {
        return; // another name is followed now
      }
      if (failing) {
        failing = false;
        log.info("Cacheman client {}: {} answers again: {}", client.name, discovery, found);
      }
      if (found.equals(lastGood)) {
        scheduleNext(forEpoch);
        return;
      }
    }
    try {
      owner.applyDiscovered(discovery, found);
    } catch (CachemanException e) {
      stopped = true; // closed meanwhile
      return;
    } catch (RuntimeException e) {
      log.warn("Cacheman client {}: could not apply {}'s answer {}: {}", client.name, discovery, found, e.toString());
    }
    synchronized (this) {
      if (forEpoch == epoch) {
        scheduleNext(forEpoch);
      }
    }
  }

  private synchronized void failed(long forEpoch, Discovery discovery, Exception e) {
    if (forEpoch != epoch) {
      return;
    }
    if (!failing) {
      failing = true;
      log.warn("Cacheman client {}: looking up {} failed ({}); keeping the last good node list {} until a lookup "
          + "succeeds", client.name, discovery, e.getMessage(), lastGood);
    } else {
      log.debug("Cacheman client {}: looking up {} failed again ({})", client.name, discovery, e.getMessage());
    }
    scheduleNext(forEpoch);
  }
}
