package io.cacheman.bench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.command.TextCommandFactory;
import net.rubyeye.xmemcached.transcoders.CachedData;
import net.rubyeye.xmemcached.transcoders.CompressionMode;
import net.rubyeye.xmemcached.transcoders.SerializingTranscoder;
import net.rubyeye.xmemcached.transcoders.Transcoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * xmemcached 2.4 with the text protocol and a connection pool per node, which its guide advises
 * under high concurrency. xmemcached has no future-returning API, so the async calls run its
 * blocking calls on a fixed pool of threads (sized to the requests the run keeps in flight), the
 * way an application would get async behaviour from it.
 */
final class XmemcachedAdapter implements ClientAdapter {
  private static final Logger log = LoggerFactory.getLogger(XmemcachedAdapter.class);

  private static final Transcoder<byte[]> RAW = new Transcoder<>() {
    @Override
    public CachedData encode(byte[] value) {
      return new CachedData(0, value);
    }

    @Override
    public byte[] decode(CachedData d) {
      return d.getData();
    }

    @Override
    public void setPrimitiveAsString(boolean ignored) {
      // Only byte[] passes through this transcoder.
    }

    @Override
    public void setPackZeros(boolean ignored) {
      // Only byte[] passes through this transcoder.
    }

    @Override
    public void setCompressionThreshold(int ignored) {
      // RAW never compresses; a run with --compression-threshold uses SerializingTranscoder instead.
    }

    @Override
    public boolean isPrimitiveAsString() {
      return false;
    }

    @Override
    public boolean isPackZeros() {
      return false;
    }

    @Override
    public void setCompressionMode(CompressionMode ignored) {
      // Values are never compressed.
    }
  };

  private final MemcachedClient client;
  private final Transcoder<byte[]> transcoder;
  private final long timeoutMillis;
  private final ExecutorService blockingPool;

  XmemcachedAdapter(List<InetSocketAddress> servers, ClientSettings settings) throws IOException {
    timeoutMillis = settings.timeout().toMillis();
    transcoder = transcoder(settings.compressionThreshold());
    XMemcachedClientBuilder builder = new XMemcachedClientBuilder(servers);
    builder.setCommandFactory(new TextCommandFactory());
    builder.setConnectionPoolSize(settings.connections());
    builder.setOpTimeout(timeoutMillis);
    builder.setConnectTimeout(Math.max(timeoutMillis, 1000));
    client = builder.build();
    AtomicInteger n = new AtomicInteger();
    blockingPool = Executors.newFixedThreadPool(settings.asyncThreads(), r -> {
      Thread t = new Thread(r, "xmemcached-async-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public byte[] get(String key) throws Exception {
    return client.get(key, timeoutMillis, transcoder);
  }

  @Override
  public void set(String key, byte[] value) throws Exception {
    if (!client.set(key, 0, value, transcoder, timeoutMillis)) {
      throw new NotStoredException(key);
    }
  }

  @Override
  public CompletionStage<byte[]> getAsync(String key) {
    return onPool(() -> get(key));
  }

  @Override
  public CompletionStage<Void> setAsync(String key, byte[] value) {
    return onPool(() -> {
      set(key, value);
      return null;
    });
  }

  @Override
  public Map<String, byte[]> getMulti(List<String> keys) throws Exception {
    return client.get(keys, timeoutMillis, transcoder);
  }

  @Override
  public CompletionStage<Map<String, byte[]>> getMultiAsync(List<String> keys) {
    return onPool(() -> getMulti(keys));
  }

  /** Runs a blocking call on the pool: the async behaviour an application would build on xmemcached. */
  private <T> CompletionStage<T> onPool(Callable<T> call) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return call.call();
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, blockingPool);
  }

  @Override
  public void close() {
    blockingPool.shutdownNow();
    try {
      client.shutdown();
    } catch (IOException e) {
      log.warn("xmemcached did not shut down cleanly: {}", e.getMessage());
    }
  }

  /**
   * RAW, or with a threshold the client's own {@code SerializingTranscoder}, which compresses a byte[] of at least
   * that many bytes and hands byte[] back for what it stored as one.
   */
  @SuppressWarnings("unchecked")
  private static Transcoder<byte[]> transcoder(int compressionThreshold) {
    if (compressionThreshold == 0) {
      return RAW;
    }
    SerializingTranscoder serializing = new SerializingTranscoder();
    serializing.setCompressionThreshold(compressionThreshold);
    return (Transcoder<byte[]>) (Transcoder<?>) serializing;
  }
}
