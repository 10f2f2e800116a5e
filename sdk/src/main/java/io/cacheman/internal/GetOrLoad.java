package io.cacheman.internal;

import io.cacheman.CacheTimeoutException;
import io.cacheman.LoadResult;
import io.cacheman.config.Protocol;
import io.cacheman.internal.pipeline.Invoker;
import io.cacheman.internal.protocol.DeleteCommand;
import io.cacheman.internal.protocol.Lease;
import io.cacheman.internal.protocol.LeaseGetCommand;
import io.cacheman.internal.protocol.RetrievalCommand;
import io.cacheman.internal.protocol.StorageCommand;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code getOrLoad}: cache-aside whose loader runs once per key in this client ({@link LoadCoalescer})
 * and, where the node speaks the meta protocol, once in the whole fleet: the read asks for memcached's
 * lease ({@link LeaseGetCommand}), and what the node answers decides each caller's part.
 *
 * <ul>
 *   <li>a hit, or a value someone else is reloading ({@code Z}), stale ({@code X}) or not: returned at once;
 *   <li>{@code W} on a miss: this caller loads and stores with the placeholder's CAS; if its loader
 *       fails, the placeholder expires after the lease ({@code cacheman.load.lease}) and the next
 *       caller wins;
 *   <li>{@code W} on a stale value, or one near its expiry ({@code refreshAhead}): this caller reloads
 *       it, the others keep reading the old one; if the loader fails, it gets the old one too;
 *   <li>{@code Z} on a placeholder: another caller is loading; this one reads again, at growing
 *       intervals, until the value is there or its deadline passes (one poller per key per client).
 * </ul>
 *
 * A cache failure reads as a miss: the caller loads, as the text path does.
 */
final class GetOrLoad<V> {
  private static final Logger log = LoggerFactory.getLogger(GetOrLoad.class);
  private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  private static final long LONGEST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final Client client;
  private final ValueCodec<V> values;
  private final Invoker invoker;
  private final String key;
  private final byte[] wireKey;
  private final long exptime;
  private final Function<? super String, ? extends CompletionStage<? extends V>> loader;
  private final long deadline;

  GetOrLoad(Client client, ValueCodec<V> values, Invoker invoker, String key, long exptime,
      Function<? super String, ? extends CompletionStage<? extends V>> loader) {
    this.client = client;
    this.values = values;
    this.invoker = invoker;
    this.key = key;
    this.wireKey = client.keys.encode(key);
    this.exptime = exptime;
    this.loader = loader;
    this.deadline = invoker.newDeadline();
  }

  /** {@code refreshAhead} in whole seconds (memcached's unit), rounded up: 0 stays "never early". */
  static long seconds(Duration refreshAhead) {
    if (refreshAhead == null || refreshAhead.isNegative()) {
      throw new IllegalArgumentException("refreshAhead must be zero (never early) or positive, not " + refreshAhead);
    }
    return refreshAhead.getSeconds() + (refreshAhead.getNano() > 0 ? 1 : 0);
  }

  CompletionStage<LoadResult<V>> run(long refreshAheadSeconds) {
    if (client.config().protocol() == Protocol.TEXT) {
      return textPath();
    }
    return leaseRead(refreshAheadSeconds).thenCompose(lease -> lease == null || !lease.leased()
        ? textPath() // the node speaks text only (or failed): the client's own coalescing still holds
        : act(lease, refreshAheadSeconds));
  }

  private CompletionStage<LoadResult<V>> act(Lease lease, long refreshAheadSeconds) {
    if (lease.win()) {
      return reload(lease);
    }
    if (lease.servable()) {
      return done(values.decode(lease.item()), lease.stale(), false);
    }
    if (lease.taken()) {
      return client.loads.lead(key, values.transcoder, deadline, invoker,
          () -> poll(FIRST_POLL_NANOS, refreshAheadSeconds));
    }
    return textPath(); // a plain miss: the node vivified nothing (a proxy in between, say)
  }

  /** This caller holds the lease: load, store over the placeholder or stale value by its CAS. */
  private CompletionStage<LoadResult<V>> reload(Lease lease) {
    V old = lease.servable() ? values.decode(lease.item()) : null;
    CompletionStage<? extends V> loaded;
    try {
      loaded = loader.apply(key);
    } catch (RuntimeException e) {
      loaded = CompletableFuture.failedFuture(e);
    }
    return loaded.handle((value, failure) -> {
      if (failure == null) {
        // No value: take the placeholder (or the old value) away rather than leave it to be read.
        return (value == null ? forget() : store(value, lease.item().cas()))
            .thenApply(ignored -> new LoadResult<>(value, false, true));
      }
      if (old != null) {
        log.debug("getOrLoad of {}: the reload failed, the old value is served: {}", key, failure.toString());
        return done(old, lease.stale(), false);
      }
      return CompletableFuture.<LoadResult<V>>failedFuture(failure);
    }).thenCompose(Function.identity());
  }

  /** Waits for the lease holder's value: reads again at doubling intervals until its deadline. */
  private CompletionStage<LoadResult<V>> poll(long waitNanos, long refreshAheadSeconds) {
    long left = deadline - client.clock.nanoTime();
    if (left <= 0) {
      return CompletableFuture.failedFuture(new CacheTimeoutException("getOrLoad of " + key
          + ": another client holds the lease to load it and stored no value within the operation timeout"));
    }
    return invoker.pause(Math.min(waitNanos, left)).thenCompose(ignored -> leaseRead(refreshAheadSeconds))
        .thenCompose(lease -> {
          if (lease == null || !lease.leased()) {
            return textPath();
          }
          // Still another caller's placeholder: read again later (act() would start a second poller).
          return lease.taken() && !lease.win() && !lease.servable()
              ? poll(Math.min(waitNanos * 2, LONGEST_POLL_NANOS), refreshAheadSeconds)
              : act(lease, refreshAheadSeconds);
        });
  }

  /** The lease read; null when the cache failed (read as a miss). */
  private CompletionStage<Lease> leaseRead(long refreshAheadSeconds) {
    long lease = client.config().loadLease().getSeconds();
    return invoker.call(new LeaseGetCommand(wireKey, lease, refreshAheadSeconds), wireKey, true, deadline,
        Function.<Lease>identity()).exceptionally(failure -> {
          log.debug("getOrLoad reads past a cache failure: {}", failure.getMessage());
          return null;
        });
  }

  private CompletionStage<LoadResult<V>> textPath() {
    return client.loads.load(key, values.transcoder, this::read, loader, value -> store(value, 0), invoker);
  }

  private CompletionStage<V> read() { // a cache failure reads as a miss
    return invoker.call(RetrievalCommand.of(RetrievalCommand.Kind.GET, wireKey), wireKey, true,
        invoker.newDeadline(), items -> values.decode(items[0])).exceptionally(failure -> {
          log.debug("getOrLoad reads past a cache failure: {}", failure.getMessage());
          return null;
        });
  }

  /** Stores a loaded value (over {@code cas}, if not 0); a failure, or a value changed meanwhile, is ignored. */
  private CompletionStage<?> store(V value, long cas) {
    try {
      StorageCommand command = cas == 0 ? values.storage(StorageCommand.Kind.SET, wireKey, value, exptime)
          : values.cas(wireKey, value, exptime, cas);
      return invoker.call(command, wireKey, true, invoker.newDeadline(), Function.identity())
          .exceptionally(failure -> {
            log.debug("getOrLoad could not store the loaded value: {}", failure.getMessage());
            return null;
          });
    } catch (RuntimeException e) {
      log.debug("getOrLoad could not store the loaded value: {}", e.toString());
      return CompletableFuture.completedFuture(null);
    }
  }

  private CompletionStage<?> forget() {
    return invoker.call(new DeleteCommand(wireKey), wireKey, false, invoker.newDeadline(), Function.identity())
        .exceptionally(failure -> null);
  }

  private static <V> CompletionStage<LoadResult<V>> done(V value, boolean stale, boolean loaded) {
    return CompletableFuture.completedFuture(new LoadResult<>(value, stale, loaded));
  }
}
