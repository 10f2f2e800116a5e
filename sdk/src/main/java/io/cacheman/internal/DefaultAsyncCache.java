package io.cacheman.internal;

import io.cacheman.AsyncCache;
import io.cacheman.Cache;
import io.cacheman.CachedData;
import io.cacheman.CasResult;
import io.cacheman.CasValue;
import io.cacheman.ClientStats;
import io.cacheman.MultiGetResult;
import io.cacheman.Transcoder;
import io.cacheman.config.CachemanConfig;
import io.cacheman.internal.protocol.ArithmeticCommand;
import io.cacheman.internal.protocol.Command;
import io.cacheman.internal.protocol.DeleteCommand;
import io.cacheman.internal.protocol.FlushAllCommand;
import io.cacheman.internal.protocol.Item;
import io.cacheman.internal.protocol.RetrievalCommand;
import io.cacheman.internal.protocol.RetrievalCommand.Kind;
import io.cacheman.internal.protocol.StatsCommand;
import io.cacheman.internal.protocol.StorageCommand;
import io.cacheman.internal.protocol.StoreStatus;
import io.cacheman.internal.protocol.TouchCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The non-blocking view. Every method returns at once (nothing here blocks on the network) with
 * a future that completes on the client's callback executor, by the operation timeout at the
 * latest; bad arguments fail the future, never the call.
 */
final class DefaultAsyncCache<V> implements AsyncCache<V> {
  private static final Logger log = LoggerFactory.getLogger(DefaultAsyncCache.class);

  private final Engine engine;
  private final ValueCodec<V> values;
  private final LoadCoalescer loads;

  DefaultAsyncCache(Engine engine, ValueCodec<V> values, LoadCoalescer loads) {
    this.engine = engine;
    this.values = values;
    this.loads = loads;
  }

  @Override
  public CompletableFuture<V> get(String key) {
    try {
      byte[] k = engine.key(key);
      return send(RetrievalCommand.of(Kind.GET, k), k, true, engine.newDeadline(), items -> values.decode(items[0]));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<Map<String, V>> getMulti(Collection<String> keys) {
    return getMultiResult(keys).thenApply(MultiGetResult::values);
  }

  @Override
  public CompletableFuture<MultiGetResult<V>> getMultiResult(Collection<String> keys) {
    return guarded(() -> {
      MultiGetPlan plan = new MultiGetPlan(engine, keys);
      long deadline = engine.newDeadline();
      @SuppressWarnings("unchecked")
      CompletableFuture<Item[]>[] parts = new CompletableFuture[plan.chunks.size()];
      for (int i = 0; i < parts.length; i++) {
        MultiGetPlan.Chunk chunk = plan.chunks.get(i);
        parts[i] = new CompletableFuture<>();
        engine.send(new AsyncOp<>(RetrievalCommand.of(Kind.GET, chunk.keys()), null, chunk.node(), true, deadline,
            parts[i], Function.identity(), engine.callbacks()));
      }
      // One stage gathers every part, so the collector sees one thread.
      return CompletableFuture.allOf(parts).handle((done, anyFailure) -> {
        MultiGetCollector<V> result = plan.collector(values);
        for (int i = 0; i < parts.length; i++) {
          try {
            result.found(i, parts[i].join());
          } catch (CompletionException e) {
            result.failed(i, e.getCause());
          }
        }
        return result.result();
      });
    });
  }

  @Override
  public CompletableFuture<CasValue<V>> gets(String key) {
    return guarded(() -> {
      byte[] k = engine.key(key);
      return send(RetrievalCommand.of(Kind.GETS, k), k, true, engine.newDeadline(), items -> values.decodeWithCas(items[0]));
    });
  }

  @Override
  public CompletableFuture<Boolean> set(String key, V value) {
    return store(StorageCommand.Kind.SET, key, value, null, true);
  }

  @Override
  public CompletableFuture<Boolean> set(String key, V value, Duration ttl) {
    return store(StorageCommand.Kind.SET, key, value, ttl, true);
  }

  @Override
  public CompletableFuture<Boolean> add(String key, V value, Duration ttl) {
    return store(StorageCommand.Kind.ADD, key, value, ttl, false);
  }

  @Override
  public CompletableFuture<Boolean> replace(String key, V value, Duration ttl) {
    return store(StorageCommand.Kind.REPLACE, key, value, ttl, true);
  }

  @Override
  public CompletableFuture<Boolean> append(String key, V value) {
    return store(StorageCommand.Kind.APPEND, key, value, Duration.ZERO, false);
  }

  @Override
  public CompletableFuture<Boolean> prepend(String key, V value) {
    return store(StorageCommand.Kind.PREPEND, key, value, Duration.ZERO, false);
  }

  private CompletableFuture<Boolean> store(StorageCommand.Kind kind, String key, V value, Duration ttl, boolean safe) {
    try {
      byte[] k = engine.key(key);
      long exptime = ttl == null ? values.defaultExptime() : values.exptime(ttl);
      CachedData data = values.encode(value);
      return send(StorageCommand.of(kind, k, data.flags(), exptime, data.data()), k, safe, engine.newDeadline(),
          status -> status == StoreStatus.STORED);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<CasResult> cas(String key, long casUnique, V value, Duration ttl) {
    return guarded(() -> {
      byte[] k = engine.key(key);
      long exptime = values.exptime(ttl);
      CachedData data = values.encode(value);
      return send(StorageCommand.cas(k, data.flags(), exptime, data.data(), casUnique), k, false, engine.newDeadline(),
          Counters::casResult);
    });
  }

  @Override
  public CompletableFuture<Boolean> delete(String key) {
    return guarded(() -> {
      byte[] k = engine.key(key);
      return send(new DeleteCommand(k), k, true, engine.newDeadline(), Function.identity());
    });
  }

  @Override
  public CompletableFuture<OptionalLong> incr(String key, long delta) {
    return arithmetic(true, key, delta);
  }

  @Override
  public CompletableFuture<Long> incr(String key, long delta, long initial, Duration ttl) {
    return arithmetic(true, key, delta, initial, ttl);
  }

  @Override
  public CompletableFuture<OptionalLong> decr(String key, long delta) {
    return arithmetic(false, key, delta);
  }

  @Override
  public CompletableFuture<Long> decr(String key, long delta, long initial, Duration ttl) {
    return arithmetic(false, key, delta, initial, ttl);
  }

  private CompletableFuture<OptionalLong> arithmetic(boolean increment, String key, long delta) {
    return guarded(() -> {
      byte[] k = engine.key(key);
      return send(new ArithmeticCommand(increment, k, Counters.delta(delta)), k, false, engine.newDeadline(),
          value -> value == null ? OptionalLong.empty() : OptionalLong.of(value));
    });
  }

  private CompletableFuture<Long> arithmetic(boolean increment, String key, long delta, long initial, Duration ttl) {
    return guarded(() -> {
      byte[] k = engine.key(key);
      Counters.delta(delta);
      byte[] start = Counters.initial(initial);
      long exptime = values.exptime(ttl);
      return counterRound(increment, key, k, delta, initial, start, exptime, engine.newDeadline(), 0);
    });
  }

  /** One incr-or-add round: incr; if absent add the initial value; if another add won, go again. */
  private CompletableFuture<Long> counterRound(boolean increment, String key, byte[] k, long delta, long initial,
      byte[] start, long exptime, long deadline, int round) {
    if (round == Counters.ROUNDS) {
      return CompletableFuture.failedFuture(Counters.keptVanishing(key));
    }
    return send(new ArithmeticCommand(increment, k, delta), k, false, deadline, Function.identity())
        .thenCompose(value -> value != null ? CompletableFuture.completedFuture(value)
            : send(StorageCommand.of(StorageCommand.Kind.ADD, k, 0, exptime, start), k, false, deadline, Function.identity())
                .thenCompose(status -> status == StoreStatus.STORED ? CompletableFuture.completedFuture(initial)
                    : counterRound(increment, key, k, delta, initial, start, exptime, deadline, round + 1)));
  }

  @Override
  public CompletableFuture<Boolean> touch(String key, Duration ttl) {
    return guarded(() -> {
      byte[] k = engine.key(key);
      return send(new TouchCommand(k, values.exptime(ttl)), k, true, engine.newDeadline(), Function.identity());
    });
  }

  @Override
  public CompletableFuture<V> getAndTouch(String key, Duration ttl) {
    return guarded(() -> {
      byte[] k = engine.key(key);
      return send(RetrievalCommand.touching(Kind.GAT, values.exptime(ttl), k), k, true, engine.newDeadline(),
          items -> values.decode(items[0]));
    });
  }

  @Override
  public CompletableFuture<Void> flushAll() {
    long deadline = engine.newDeadline();
    List<Node> nodes = engine.nodes();
    CompletableFuture<?>[] parts = new CompletableFuture<?>[nodes.size()];
    for (int i = 0; i < parts.length; i++) {
      CompletableFuture<Boolean> part = new CompletableFuture<>();
      engine.send(new AsyncOp<>(new FlushAllCommand(), null, nodes.get(i), true, deadline, part, Function.identity(),
          engine.callbacks()));
      parts[i] = part;
    }
    return CompletableFuture.allOf(parts);
  }

  @Override
  public CompletableFuture<V> getOrLoad(
      String key, Duration ttl, Function<? super String, ? extends CompletionStage<? extends V>> loader) {
    return guarded(() -> {
      byte[] k = engine.key(key);
      values.exptime(ttl);
      return loads.loadAsync(key, values.transcoder, () -> readQuietly(k), loader,
          value -> set(k, value, ttl).exceptionally(failure -> {
            log.debug("getOrLoad could not store the loaded value: {}", failure.getMessage());
            return false;
          }));
    });
  }

  private CompletableFuture<V> readQuietly(byte[] k) {
    return send(RetrievalCommand.of(Kind.GET, k), k, true, engine.newDeadline(), items -> values.decode(items[0]))
        .exceptionally(failure -> {
          log.debug("getOrLoad reads past a cache failure: {}", failure.getMessage());
          return null;
        });
  }

  private CompletableFuture<Boolean> set(byte[] k, V value, Duration ttl) {
    return guarded(() -> {
      CachedData data = values.encode(value);
      return send(StorageCommand.of(StorageCommand.Kind.SET, k, data.flags(), values.exptime(ttl), data.data()), k, true,
          engine.newDeadline(), status -> status == StoreStatus.STORED);
    });
  }

  private <R, T> CompletableFuture<T> send(Command<R> command, byte[] key, boolean safeToRepeat, long deadline,
      Function<? super R, ? extends T> finish) {
    CompletableFuture<T> future = new CompletableFuture<>();
    engine.send(new AsyncOp<>(command, key, null, safeToRepeat, deadline, future, finish, engine.callbacks()));
    return future;
  }

  private static <T> CompletableFuture<T> guarded(Supplier<CompletableFuture<T>> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public Cache<V> sync() {
    return new DefaultCache<>(engine, values, loads);
  }

  @Override
  public <T> AsyncCache<T> withTranscoder(Transcoder<T> transcoder) {
    return new DefaultAsyncCache<>(engine, values.with(transcoder), loads);
  }

  @Override
  public ClientStats stats() {
    return StatsSnapshot.of(engine.nodes());
  }

  @Override
  public CompletableFuture<Map<String, Map<String, String>>> serverStats() {
    long deadline = engine.newDeadline();
    List<Node> nodes = engine.nodes();
    List<CompletableFuture<Map<String, String>>> parts = new ArrayList<>();
    for (Node node : nodes) {
      CompletableFuture<Map<String, String>> part = new CompletableFuture<>();
      engine.send(new AsyncOp<>(new StatsCommand(""), null, node, true, deadline, part, Function.identity(),
          engine.callbacks()));
      parts.add(part.exceptionally(failure -> Map.of()));
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture<?>[]::new)).thenApply(done -> {
      Map<String, Map<String, String>> byNode = new LinkedHashMap<>();
      for (int i = 0; i < parts.size(); i++) {
        byNode.put(nodes.get(i).id, parts.get(i).join());
      }
      return byNode;
    });
  }

  @Override
  public String nodeFor(String key) {
    return engine.nodeFor(key);
  }

  @Override
  public void reconfigure(CachemanConfig config) {
    engine.reconfigure(Objects.requireNonNull(config, "config"), "reconfigure()");
  }

  @Override
  public CachemanConfig config() {
    return engine.config();
  }

  @Override
  public void close() {
    engine.close();
  }

  /** The engine behind this view (tests and tools). */
  public Engine engine() {
    return engine;
  }
}
