package io.cacheman.internal;

import io.cacheman.AsyncCache;
import io.cacheman.Cache;
import io.cacheman.CacheAdmin;
import io.cacheman.CasResult;
import io.cacheman.CasValue;
import io.cacheman.LoadResult;
import io.cacheman.MultiGetResult;
import io.cacheman.Transcoder;
import io.cacheman.internal.pipeline.Invoker;
import io.cacheman.internal.pipeline.Outcome;
import io.cacheman.internal.protocol.ArithmeticCommand;
import io.cacheman.internal.protocol.Command;
import io.cacheman.internal.protocol.DeleteCommand;
import io.cacheman.internal.protocol.FlushAllCommand;
import io.cacheman.internal.protocol.RetrievalCommand;
import io.cacheman.internal.protocol.RetrievalCommand.Kind;
import io.cacheman.internal.protocol.StorageCommand;
import io.cacheman.internal.protocol.StoreStatus;
import io.cacheman.internal.protocol.TouchCommand;
import io.cacheman.internal.node.Node;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every operation of the client, each written once: its command, how its reply becomes the caller's
 * value, whether it is safe to repeat, and how its steps compose. The {@link Invoker} decides how the
 * caller receives the outcome: with {@code client.async} this is the non-blocking view; run with
 * {@code client.blocking} (each stage complete on return) it is the engine of {@link DefaultCache}.
 * No method throws: bad arguments fail the returned stage.
 */
public final class DefaultAsyncCache<V> implements AsyncCache<V> {
  private static final Logger log = LoggerFactory.getLogger(DefaultAsyncCache.class);

  final Client client;
  final ValueCodec<V> values;
  private final Invoker invoker;
  private final boolean owner;

  DefaultAsyncCache(Client client, ValueCodec<V> values, Invoker invoker, boolean owner) {
    this.client = client;
    this.values = values;
    this.invoker = invoker;
    this.owner = owner;
  }

  /** The non-blocking view a freshly opened client is handed out as; closing it closes the client. */
  public static <V> AsyncCache<V> open(Client client, Transcoder<V> transcoder) {
    return new DefaultAsyncCache<>(client, ValueCodec.of(client, transcoder), client.async, true);
  }

  @Override
  public CompletionStage<V> get(String key) {
    return call(key, k -> RetrievalCommand.of(Kind.GET, k), true, items -> values.decode(items[0]));
  }

  @Override
  public CompletionStage<Map<String, V>> getMulti(Collection<String> keys) {
    return getMultiResult(keys).thenApply(MultiGetResult::values);
  }

  @Override
  public CompletionStage<MultiGetResult<V>> getMultiResult(Collection<String> keys) {
    return guarded(() -> {
      MultiGetPlan plan = new MultiGetPlan(client.keys, client.membership.current(), keys);
      return invoker.callEach(plan.nodes, plan.commands, invoker.newDeadline())
          .thenApply(outcomes -> plan.collect(outcomes, values));
    });
  }

  @Override
  public CompletionStage<CasValue<V>> gets(String key) {
    return call(key, k -> RetrievalCommand.of(Kind.GETS, k), true, items -> values.decodeWithCas(items[0]));
  }

  @Override
  public CompletionStage<V> getAndTouch(String key, Duration ttl) {
    return guarded(() -> {
      long exptime = values.exptime(ttl);
      return call(key, k -> RetrievalCommand.touching(Kind.GAT, exptime, k), true, items -> values.decode(items[0]));
    });
  }

  @Override
  public CompletionStage<Boolean> set(String key, V value) {
    return store(StorageCommand.Kind.SET, key, value, null, true);
  }

  @Override
  public CompletionStage<Boolean> set(String key, V value, Duration ttl) {
    return store(StorageCommand.Kind.SET, key, value, ttl, true);
  }

  @Override
  public CompletionStage<Boolean> add(String key, V value, Duration ttl) {
    return store(StorageCommand.Kind.ADD, key, value, ttl, false);
  }

  @Override
  public CompletionStage<Boolean> replace(String key, V value, Duration ttl) {
    return store(StorageCommand.Kind.REPLACE, key, value, ttl, true);
  }

  @Override
  public CompletionStage<Boolean> append(String key, V value) {
    return store(StorageCommand.Kind.APPEND, key, value, Duration.ZERO, false);
  }

  @Override
  public CompletionStage<Boolean> prepend(String key, V value) {
    return store(StorageCommand.Kind.PREPEND, key, value, Duration.ZERO, false);
  }

  /** A storage command; a null {@code ttl} means the client's default. */
  private CompletionStage<Boolean> store(StorageCommand.Kind kind, String key, V value, Duration ttl,
      boolean idempotent) {
    return call(key, k -> values.storage(kind, k, value, ttl == null ? values.defaultExptime() : values.exptime(ttl)),
        idempotent, status -> status == StoreStatus.STORED);
  }

  @Override
  public CompletionStage<CasResult> cas(String key, long casUnique, V value, Duration ttl) {
    return call(key, k -> values.cas(k, value, values.exptime(ttl), casUnique), false, Counters::casResult);
  }

  @Override
  public CompletionStage<Boolean> delete(String key) {
    // Not repeated once sent: a delete that went through would then answer NOT_FOUND, as if it had done nothing.
    return call(key, DeleteCommand::new, false, Function.identity());
  }

  @Override
  public CompletionStage<Boolean> touch(String key, Duration ttl) {
    return call(key, k -> new TouchCommand(k, values.exptime(ttl)), true, Function.identity());
  }

  @Override
  public CompletionStage<OptionalLong> incr(String key, long delta) {
    return counter(true, key, delta);
  }

  @Override
  public CompletionStage<Long> incr(String key, long delta, long initial, Duration ttl) {
    return counter(true, key, delta, initial, ttl);
  }

  @Override
  public CompletionStage<OptionalLong> decr(String key, long delta) {
    return counter(false, key, delta);
  }

  @Override
  public CompletionStage<Long> decr(String key, long delta, long initial, Duration ttl) {
    return counter(false, key, delta, initial, ttl);
  }

  private CompletionStage<OptionalLong> counter(boolean increment, String key, long delta) {
    return call(key, k -> new ArithmeticCommand(increment, k, Counters.delta(delta)), false,
        value -> value == null ? OptionalLong.empty() : OptionalLong.of(value));
  }

  /** incr/decr; when absent, add {@code initial}; if another client's add wins, apply the delta to its value. */
  private CompletionStage<Long> counter(boolean increment, String key, long delta, long initial, Duration ttl) {
    return guarded(() -> {
      Counters.Round round = new Counters.Round(increment, key, client.keys.encode(key), Counters.delta(delta),
          initial, values.exptime(ttl), invoker.newDeadline());
      return counterRound(round, 0);
    });
  }

  private CompletionStage<Long> counterRound(Counters.Round r, int round) {
    if (round == Counters.ROUNDS) {
      return CompletableFuture.failedFuture(Counters.keptVanishing(r.key()));
    }
    return invoker.call(new ArithmeticCommand(r.increment(), r.wireKey(), r.delta()), r.wireKey(), false, r.deadline(),
            Function.identity())
        .thenCompose(value -> value != null ? CompletableFuture.completedFuture(value)
            : invoker.call(r.add(), r.wireKey(), false, r.deadline(), Function.identity())
                .thenCompose(status -> status == StoreStatus.STORED ? CompletableFuture.completedFuture(r.initial())
                    : counterRound(r, round + 1)));
  }

  @Override
  public CompletionStage<Void> flushAll() {
    return guarded(() -> {
      List<Node> nodes = client.membership.current().nodes();
      List<FlushAllCommand> commands = nodes.stream().map(node -> new FlushAllCommand()).toList();
      return invoker.callEach(nodes, commands, invoker.newDeadline())
          .thenApply(outcomes -> {
            for (Outcome<Boolean> outcome : outcomes) {
              if (outcome.failure() != null) {
                throw new CompletionException(outcome.failure());
              }
            }
            return null;
          });
    });
  }

  @Override
  public CompletionStage<V> getOrLoad(String key, Duration ttl,
      Function<? super String, ? extends CompletionStage<? extends V>> loader) {
    return getOrLoad(key, ttl, loader, Duration.ZERO);
  }

  @Override
  public CompletionStage<V> getOrLoad(String key, Duration ttl,
      Function<? super String, ? extends CompletionStage<? extends V>> loader, Duration refreshAhead) {
    return getOrLoadResult(key, ttl, loader, refreshAhead).thenApply(LoadResult::value);
  }

  @Override
  public CompletionStage<LoadResult<V>> getOrLoadResult(String key, Duration ttl,
      Function<? super String, ? extends CompletionStage<? extends V>> loader, Duration refreshAhead) {
    return guarded(() -> new GetOrLoad<>(client, values, invoker, key, values.exptime(ttl), loader)
        .run(GetOrLoad.seconds(refreshAhead)));
  }

  @Override
  public CompletionStage<Boolean> invalidate(String key) {
    long grace = client.config().invalidateGrace().getSeconds();
    // Not repeated once sent, like delete: a second one would answer as if the first had done nothing.
    return call(key, k -> DeleteCommand.invalidate(k, grace), false, Function.identity());
  }

  /** Runs the command made for the encoded {@code key} on the key's node; {@code idempotent}: see {@link Invoker}. */
  private <R, T> CompletionStage<T> call(String key, Function<byte[], ? extends Command<R>> command,
      boolean idempotent, Function<? super R, ? extends T> finish) {
    try { // not guarded(...): this runs for every single-key call, and the lambda would be one more object each
      byte[] k = client.keys.encode(key);
      return invoker.call(command.apply(k), k, idempotent, invoker.newDeadline(), finish);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static <T> CompletionStage<T> guarded(Supplier<CompletionStage<T>> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public Cache<V> sync() {
    return new DefaultCache<>(new DefaultAsyncCache<>(client, values, client.blocking, false));
  }

  @Override
  public <T> AsyncCache<T> withTranscoder(Transcoder<T> transcoder) {
    return new DefaultAsyncCache<>(client, values.with(transcoder), invoker, false);
  }

  @Override
  public CacheAdmin admin() {
    return client.admin;
  }

  @Override
  public void close() {
    if (owner) {
      client.close();
    }
  }
}
