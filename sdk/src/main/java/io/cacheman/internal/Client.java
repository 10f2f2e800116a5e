package io.cacheman.internal;

import io.cacheman.CachemanException;
import io.cacheman.config.CachemanConfig;
import io.cacheman.internal.discovery.Resolver;
import io.cacheman.internal.discovery.SystemResolver;
import io.cacheman.internal.node.NodeFactory;
import io.cacheman.internal.pipeline.Async;
import io.cacheman.internal.pipeline.Blocking;
import io.cacheman.internal.pipeline.Dispatcher;
import io.cacheman.internal.pipeline.Invoker;
import io.cacheman.internal.stats.JmxExporter;
import io.cacheman.internal.time.Clock;
import io.cacheman.internal.time.SystemClock;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client behind all its views: its threads, its nodes, the dispatcher that runs operations and
 * its settings, built here in one place from a configuration.
 *
 * <h2>Closing</h2>
 * New calls fail at once ("the client is closed") and the config file is no longer watched; requests
 * in flight and their retries go on until none is left, for one operation timeout at most (every
 * request has that deadline, so the wait needs no setting of its own); then the connections close,
 * failing whatever is still pending, every thread the client started stops, the JMX beans are
 * unregistered and listeners are told. The first caller does the work; the others return once it is
 * done.
 */
public final class Client implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Client.class);
  private static final AtomicInteger CLIENTS = new AtomicInteger();
  private static final long DRAIN_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  final String name;
  final KeyEncoder keys;
  final ClientThreads threads;
  final Clock clock;
  final Membership membership;
  final Dispatcher dispatcher;
  final Invoker blocking;
  final Invoker async;
  final LoadCoalescer loads = new LoadCoalescer();
  final DefaultAdmin admin = new DefaultAdmin(this);
  private final long timeoutNanos;
  private final Reconfiguration reconfiguration;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);

  private Client(CachemanConfig config, Clock clock) {
    this.name = "cacheman-" + CLIENTS.incrementAndGet();
    this.keys = new KeyEncoder(config.longKeys());
    this.timeoutNanos = config.operationTimeout().toNanos();
    this.threads = new ClientThreads(name, config.nodes().size() * config.connectionsPerNode(), timeoutNanos);
    this.clock = clock != null ? clock : new SystemClock(threads.scheduler);
    threads.startLoops(this.clock);
    NodeFactory nodes = new NodeFactory(config, threads.loops, threads.connector, this.clock, Dispatcher.lineSharing(),
        this::onHealthChange);
    this.membership = new Membership(name, config, nodes, new JmxExporter(), this.clock, timeoutNanos);
    this.dispatcher = new Dispatcher(membership::current, this.clock, config);
    this.blocking = new Blocking(dispatcher);
    this.async = new Async(dispatcher, threads.callbacks);
    this.reconfiguration = new Reconfiguration(this, config);
  }

  /** Starts the client's threads and connects in the background, never blocking; null clock: the real one. */
  public static Client open(CachemanConfig config, Clock clock, Path file) {
    return open(config, clock, file, SystemResolver.INSTANCE);
  }

  /**
   * As {@link #open(CachemanConfig, Clock, Path)}, with node lists given as a DNS name looked up
   * through {@code resolver}. The first lookup is made here, before the client starts.
   *
   * @throws io.cacheman.config.ConfigException when a DNS name in {@code config} finds no node
   */
  public static Client open(CachemanConfig config, Clock clock, Path file, Resolver resolver) {
    Client client = new Client(NodeDiscovery.resolve(config, resolver), clock);
    client.membership.start();
    client.reconfiguration.discover(resolver);
    if (file != null) {
      client.reconfiguration.watch(file);
    }
    log.debug("Cacheman client {} opened: {}", client.name, config);
    return client;
  }

  /** The settings in force: the last ones applied, with settings that cannot change live as opened. */
  public CachemanConfig config() {
    return reconfiguration.current();
  }

  CachemanConfig reconfigure(CachemanConfig wanted, String source) {
    return reconfiguration.apply(wanted, source);
  }

  ConfigWatcher watcher() {
    return reconfiguration.watcher();
  }

  boolean isOpen() {
    return !closing.get();
  }

  private void onHealthChange() {
    membership.current().refresh();
  }

  /** As the class doc's "Closing" says. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      awaitClosed();
      return;
    }
    try {
      long start = clock.nanoTime();
      dispatcher.drain();
      reconfiguration.stopWatching();
      int left = drain(start + timeoutNanos + TimeUnit.MILLISECONDS.toNanos(20));
      dispatcher.close();
      membership.close();
      threads.close();
      long millis = TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - start);
      if (left > 0) {
        log.warn("Cacheman client {} closed after {} ms with {} requests still pending (they failed)", name, millis,
            left);
      } else {
        log.debug("Cacheman client {} closed in {} ms", name, millis);
      }
    } finally {
      closed.countDown();
    }
  }

  /** Waits until nothing is in flight or waiting for a retry, or the deadline; returns what is left. */
  private int drain(long deadline) {
    int left;
    while ((left = membership.inFlight() + dispatcher.retrying()) > 0 && clock.nanoTime() - deadline < 0) {
      if (Thread.currentThread().isInterrupted()) {
        return left; // the interrupt stays set: close at once
      }
      LockSupport.parkNanos(this, DRAIN_CHECK_NANOS);
    }
    return left;
  }

  private void awaitClosed() {
    try {
      if (!closed.await(timeoutNanos + TimeUnit.SECONDS.toNanos(10), TimeUnit.NANOSECONDS)) {
        log.warn("Cacheman client {}: gave up waiting for another thread's close()", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** @throws CachemanException when the client is closing */
  void checkOpen(String what) {
    if (closing.get()) {
      throw new CachemanException(what + ": the client is closed");
    }
  }
}
