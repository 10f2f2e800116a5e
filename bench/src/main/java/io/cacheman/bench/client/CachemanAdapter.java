package io.cacheman.bench.client;

import io.cacheman.AsyncCache;
import io.cacheman.Cache;
import io.cacheman.CachedData;
import io.cacheman.Cacheman;
import io.cacheman.MultiGetResult;
import io.cacheman.Transcoder;
import io.cacheman.Transcoders;
import io.cacheman.config.CachemanConfig;
import io.cacheman.config.NodeAddress;
import io.cacheman.config.Protocol;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The Cacheman SDK with its defaults, except for what the run dictates: the nodes, connections
 * per node, the operation timeout, and an in-flight cap at least as large as the run's window.
 * Values pass through as raw bytes with flags 0, exactly as for the peers. Multi-gets go through
 * {@code getMultiResult}, which {@code getMulti} is built on, so that keys a node failed to answer
 * count as an error, as a peer's timed-out bulk call does, rather than as misses.
 */
final class CachemanAdapter implements ClientAdapter {
  /** Bytes in, bytes out, flags 0: what the peer adapters send, byte for byte. */
  static final Transcoder<byte[]> RAW = new Transcoder<>() {
    @Override
    public CachedData encode(byte[] value) {
      return new CachedData(0, value);
    }

    @Override
    public byte[] decode(CachedData data) {
      return data.data();
    }
  };

  private final Cache<Object> root;
  private final Cache<byte[]> cache;
  private final AsyncCache<byte[]> async;

  CachemanAdapter(List<InetSocketAddress> servers, ClientSettings settings) {
    int perConnection = Math.max(1024, (settings.maxInFlight() + settings.connections() - 1) / settings.connections());
    CachemanConfig config = CachemanConfig.builder()
        .nodes(servers.stream().map(a -> NodeAddress.of(a.getHostString(), a.getPort())).toList())
        .connectionsPerNode(settings.connections())
        .operationTimeout(settings.timeout())
        .maxInFlightPerConnection(perConnection)
        .protocol(settings.meta() ? Protocol.META : Protocol.TEXT)
        .build();
    root = Cacheman.open(config);
    cache = root.withTranscoder(settings.compressionThreshold() > 0
        ? Transcoders.compressing(RAW, settings.compressionThreshold()) : RAW);
    async = cache.async();
  }

  @Override
  public byte[] get(String key) {
    return cache.get(key);
  }

  @Override
  public void set(String key, byte[] value) throws Exception {
    if (!cache.set(key, value)) {
      throw new NotStoredException(key);
    }
  }

  @Override
  public CompletionStage<byte[]> getAsync(String key) {
    return async.get(key);
  }

  @Override
  public CompletionStage<Void> setAsync(String key, byte[] value) {
    return async.set(key, value).thenAccept(ok -> NotStoredException.check(ok, key));
  }

  @Override
  public Map<String, byte[]> getMulti(List<String> keys) throws Exception {
    return values(cache.getMultiResult(keys), keys.size());
  }

  @Override
  public CompletionStage<Map<String, byte[]>> getMultiAsync(List<String> keys) {
    return async.getMultiResult(keys).thenApply(r -> {
      try {
        return values(r, keys.size());
      } catch (KeysNotReadException e) {
        throw new CompletionException(e);
      }
    });
  }

  private static Map<String, byte[]> values(MultiGetResult<byte[]> result, int asked) throws KeysNotReadException {
    if (!result.isComplete()) {
      throw new KeysNotReadException(result.failures().size(), asked, result.failures().values().iterator().next());
    }
    return result.values();
  }

  @Override
  public void close() {
    root.close();
  }
}
