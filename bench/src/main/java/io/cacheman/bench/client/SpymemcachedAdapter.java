package io.cacheman.bench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.CachedData;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.transcoders.SerializingTranscoder;
import net.spy.memcached.transcoders.Transcoder;

/**
 * spymemcached 2.12 with its recommended defaults: ASCII protocol (binary off), one pipelined
 * connection per node served by its I/O thread, array-mod routing (ketama off), daemon threads.
 * Values go through a pass-through transcoder with flags 0 (its default one would add a type flag
 * and compress large values, which the other clients do not do), or, when the run sets a
 * compression threshold, through its own {@code SerializingTranscoder} with that threshold.
 */
final class SpymemcachedAdapter implements ClientAdapter {
  static {
    // spymemcached logs to stderr by default; send it through slf4j like everything else.
    if (System.getProperty("net.spy.log.LoggerImpl") == null) {
      System.setProperty("net.spy.log.LoggerImpl", "net.spy.memcached.compat.log.SLF4JLogger");
    }
  }

  private static final Transcoder<byte[]> RAW = new Transcoder<>() {
    @Override
    public boolean asyncDecode(CachedData d) {
      return false;
    }

    @Override
    public CachedData encode(byte[] value) {
      return new CachedData(0, value, CachedData.MAX_SIZE);
    }

    @Override
    public byte[] decode(CachedData d) {
      return d.getData();
    }

    @Override
    public int getMaxSize() {
      return CachedData.MAX_SIZE;
    }
  };

  private static final long CONNECT_MILLIS = 5000;

  private final MemcachedClient client;
  private final Transcoder<byte[]> transcoder;
  private final long timeoutMillis;

  SpymemcachedAdapter(List<InetSocketAddress> servers, ClientSettings settings) throws IOException {
    timeoutMillis = settings.timeout().toMillis();
    transcoder = transcoder(settings.compressionThreshold());
    client = new MemcachedClient(new ConnectionFactoryBuilder()
        .setProtocol(ConnectionFactoryBuilder.Protocol.TEXT)
        .setOpTimeout(timeoutMillis)
        .setDaemon(true)
        .build(), servers);
    awaitConnected(servers);
  }

  /**
   * spymemcached connects in the background and queues requests meanwhile; wait for it, as the
   * other adapters do, so the first requests measured are not connection setup.
   */
  private void awaitConnected(List<InetSocketAddress> servers) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(timeoutMillis, CONNECT_MILLIS));
    while (client.getAvailableServers().size() < servers.size()) {
      if (System.nanoTime() > deadline) {
        String message = "spymemcached could not connect to " + client.getUnavailableServers() + " within "
            + Math.max(timeoutMillis, CONNECT_MILLIS) + " ms";
        client.shutdown(0, TimeUnit.MILLISECONDS);
        throw new IOException(message);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while spymemcached was connecting", e);
      }
    }
  }

  @Override
  public byte[] get(String key) {
    return client.get(key, transcoder);
  }

  @Override
  public void set(String key, byte[] value) throws Exception {
    if (!Futures.await(client.set(key, 0, value, transcoder), timeoutMillis)) {
      throw new NotStoredException(key);
    }
  }

  @Override
  public CompletionStage<byte[]> getAsync(String key) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    client.asyncGet(key, transcoder).addListener(done -> Futures.transfer(done, result));
    return result;
  }

  @Override
  public CompletionStage<Void> setAsync(String key, byte[] value) {
    CompletableFuture<Boolean> stored = new CompletableFuture<>();
    client.set(key, 0, value, transcoder).addListener(done -> Futures.transfer(done, stored));
    return stored.thenAccept(ok -> NotStoredException.check(ok, key));
  }

  @Override
  public Map<String, byte[]> getMulti(List<String> keys) {
    return client.getBulk(keys, transcoder);
  }

  @Override
  public CompletionStage<Map<String, byte[]>> getMultiAsync(List<String> keys) {
    CompletableFuture<Map<String, byte[]>> result = new CompletableFuture<>();
    client.asyncGetBulk(keys, transcoder).addListener(done -> Futures.transfer(done, result));
    return result;
  }

  @Override
  public void close() {
    client.shutdown(timeoutMillis, TimeUnit.MILLISECONDS);
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
