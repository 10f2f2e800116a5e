package io.cacheman.internal;

import io.cacheman.AsyncCache;
import io.cacheman.Cache;
import io.cacheman.CachedData;
import io.cacheman.CachemanException;
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
import io.cacheman.internal.protocol.StorageCommand;
import io.cacheman.internal.protocol.StoreStatus;
import io.cacheman.internal.protocol.TouchCommand;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocking view: each call is the engine's operation awaited on the caller's thread (no
 * future, no executor: the I/O thread wakes the caller directly), bounded by the operation
 * timeout. Values are decoded on the caller's thread.
 */
public final class DefaultCache<V> implements Cache<V> {
  private static final Logger log = LoggerFactory.getLogger(DefaultCache.class);

  private final Engine engine;
  private final ValueCodec<V> values;
  private final LoadCoalescer loads;

  DefaultCache(Engine engine, ValueCodec<V> values, LoadCoalescer loads) {
    this.engine = engine;
    this.values = values;
    this.loads = loads;
  }

  /** A client over a freshly opened engine whose values go through {@code transcoder}. */
  public static <V> Cache<V> open(Engine engine, Transcoder<V> transcoder) {
    return new DefaultCache<>(engine,
        new ValueCodec<>(transcoder, engine.config().defaultTtl(), java.time.Clock.systemUTC()), new LoadCoalescer());
  }

  @Override
  public V get(String key) {
    byte[] k = engine.key(key);
    return values.decode(call(RetrievalCommand.of(Kind.GET, k), k, true)[0]);
  }

  @Override
  public Map<String, V> getMulti(Collection<String> keys) {
    return getMultiResult(keys).values();
  }

  @Override
  public MultiGetResult<V> getMultiResult(Collection<String> keys) {
    MultiGetPlan plan = new MultiGetPlan(engine, keys);
    long deadline = engine.newDeadline();
    @SuppressWarnings("unchecked")
    SyncOp<Item[]>[] ops = new SyncOp[plan.chunks.size()];
    for (int i = 0; i < ops.length; i++) {
      MultiGetPlan.Chunk chunk = plan.chunks.get(i);
      ops[i] = new SyncOp<>(RetrievalCommand.of(Kind.GET, chunk.keys()), null, chunk.node(), true, deadline);
      engine.send(ops[i]);
    }
    MultiGetCollector<V> result = plan.collector(values);
    for (int i = 0; i < ops.length; i++) {
      try {
        result.found(i, ops[i].await());
      } catch (CachemanException e) {
        result.failed(i, e);
      }
    }
    return result.result();
  }

  @Override
  public CasValue<V> gets(String key) {
    byte[] k = engine.key(key);
    return values.decodeWithCas(call(RetrievalCommand.of(Kind.GETS, k), k, true)[0]);
  }

  @Override
  public boolean set(String key, V value) {
    return store(StorageCommand.Kind.SET, key, value, null, true);
  }

  @Override
  public boolean set(String key, V value, Duration ttl) {
    return store(StorageCommand.Kind.SET, key, value, ttl, true);
  }

  @Override
  public boolean add(String key, V value, Duration ttl) {
    return store(StorageCommand.Kind.ADD, key, value, ttl, false);
  }

  @Override
  public boolean replace(String key, V value, Duration ttl) {
    return store(StorageCommand.Kind.REPLACE, key, value, ttl, true);
  }

  @Override
  public boolean append(String key, V value) {
    return store(StorageCommand.Kind.APPEND, key, value, Duration.ZERO, false);
  }

  @Override
  public boolean prepend(String key, V value) {
    return store(StorageCommand.Kind.PREPEND, key, value, Duration.ZERO, false);
  }

  private boolean store(StorageCommand.Kind kind, String key, V value, Duration ttl, boolean safeToRepeat) {
    byte[] k = engine.key(key);
    long exptime = ttl == null ? values.defaultExptime() : values.exptime(ttl);
    CachedData data = values.encode(value);
    return call(StorageCommand.of(kind, k, data.flags(), exptime, data.data()), k, safeToRepeat) == StoreStatus.STORED;
  }

  @Override
  public CasResult cas(String key, long casUnique, V value, Duration ttl) {
    byte[] k = engine.key(key);
    long exptime = values.exptime(ttl);
    CachedData data = values.encode(value);
    return Counters.casResult(call(StorageCommand.cas(k, data.flags(), exptime, data.data(), casUnique), k, false));
  }

  @Override
  public boolean delete(String key) {
    byte[] k = engine.key(key);
    return call(new DeleteCommand(k), k, true);
  }

  @Override
  public OptionalLong incr(String key, long delta) {
    return arithmetic(true, key, delta);
  }

  @Override
  public long incr(String key, long delta, long initial, Duration ttl) {
    return arithmetic(true, key, delta, initial, ttl);
  }

  @Override
  public OptionalLong decr(String key, long delta) {
    return arithmetic(false, key, delta);
  }

  @Override
  public long decr(String key, long delta, long initial, Duration ttl) {
    return arithmetic(false, key, delta, initial, ttl);
  }

  private OptionalLong arithmetic(boolean increment, String key, long delta) {
    byte[] k = engine.key(key);
    Long value = call(new ArithmeticCommand(increment, k, Counters.delta(delta)), k, false);
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /** incr/decr; when absent, add {@code initial}; if another client's add wins, apply the delta to its value. */
  private long arithmetic(boolean increment, String key, long delta, long initial, Duration ttl) {
    byte[] k = engine.key(key);
    Counters.delta(delta);
    byte[] start = Counters.initial(initial);
    long exptime = values.exptime(ttl);
    long deadline = engine.newDeadline();
    for (int round = 0; round < Counters.ROUNDS; round++) {
      Long value = engine.call(new SyncOp<>(new ArithmeticCommand(increment, k, delta), k, null, false, deadline));
      if (value != null) {
        return value;
      }
      StorageCommand add = StorageCommand.of(StorageCommand.Kind.ADD, k, 0, exptime, start);
      if (engine.call(new SyncOp<>(add, k, null, false, deadline)) == StoreStatus.STORED) {
        return initial;
      }
    }
    throw Counters.keptVanishing(key);
  }

  @Override
  public boolean touch(String key, Duration ttl) {
    byte[] k = engine.key(key);
    return call(new TouchCommand(k, values.exptime(ttl)), k, true);
  }

  @Override
  public V getAndTouch(String key, Duration ttl) {
    byte[] k = engine.key(key);
    return values.decode(call(RetrievalCommand.touching(Kind.GAT, values.exptime(ttl), k), k, true)[0]);
  }

  @Override
  public void flushAll() {
    long deadline = engine.newDeadline();
    List<Node> nodes = engine.nodes();
    @SuppressWarnings("unchecked")
    SyncOp<Boolean>[] ops = new SyncOp[nodes.size()];
    for (int i = 0; i < ops.length; i++) {
      ops[i] = new SyncOp<>(new FlushAllCommand(), null, nodes.get(i), true, deadline);
      engine.send(ops[i]);
    }
    RuntimeException first = null;
    for (SyncOp<Boolean> op : ops) {
      try {
        op.await();
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public V getOrLoad(String key, Duration ttl, Function<? super String, ? extends V> loader) {
    byte[] k = engine.key(key);
    long exptime = values.exptime(ttl);
    return loads.load(key, values.transcoder, () -> readQuietly(k), loader, value -> storeQuietly(k, value, exptime));
  }

  private V readQuietly(byte[] k) {
    try {
      return values.decode(call(RetrievalCommand.of(Kind.GET, k), k, true)[0]);
    } catch (CachemanException e) {
      log.debug("getOrLoad reads past a cache failure: {}", e.getMessage());
      return null;
    }
  }

  private void storeQuietly(byte[] k, V value, long exptime) {
    try {
      CachedData data = values.encode(value);
      call(StorageCommand.of(StorageCommand.Kind.SET, k, data.flags(), exptime, data.data()), k, true);
    } catch (CachemanException e) {
      log.debug("getOrLoad could not store the loaded value: {}", e.getMessage());
    }
  }

  private <R> R call(Command<R> command, byte[] key, boolean safeToRepeat) {
    return engine.call(new SyncOp<>(command, key, null, safeToRepeat, engine.newDeadline()));
  }

  @Override
  public AsyncCache<V> async() {
    return new DefaultAsyncCache<>(engine, values, loads);
  }

  @Override
  public <T> Cache<T> withTranscoder(Transcoder<T> transcoder) {
    return new DefaultCache<>(engine, values.with(transcoder), loads);
  }

  @Override
  public ClientStats stats() {
    return StatsSnapshot.of(engine.nodes());
  }

  @Override
  public Map<String, Map<String, String>> serverStats() {
    return async().serverStats().join(); // never fails, done by the operation deadline
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
