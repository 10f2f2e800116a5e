package io.cacheman.bench.client;

import com.spotify.folsom.AsciiMemcacheClient;
import com.spotify.folsom.ConnectFuture;
import com.spotify.folsom.MemcacheClientBuilder;
import com.spotify.folsom.MemcacheStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * folsom 1.21 with the ASCII protocol, which its README calls much more efficient against
 * memcached than binary; several netty connections per node, ketama across nodes (its only
 * multi-node routing), and an outstanding-request cap above what the run keeps in flight.
 */
final class FolsomAdapter implements ClientAdapter {
  /** Extra time over the request timeout for sync waits: folsom times requests out itself. */
  private static final long SLACK_MILLIS = 1000;

  private final AsciiMemcacheClient<byte[]> client;
  private final long waitMillis;

  FolsomAdapter(List<InetSocketAddress> servers, ClientSettings settings) throws Exception {
    long timeoutMillis = settings.timeout().toMillis();
    waitMillis = timeoutMillis + SLACK_MILLIS;
    MemcacheClientBuilder<byte[]> builder = MemcacheClientBuilder.newByteArrayClient()
        .withConnections(settings.connections())
        .withRequestTimeoutMillis(timeoutMillis)
        .withMaxOutstandingRequests(Math.max(1000, settings.maxInFlight()));
    for (InetSocketAddress server : servers) {
      builder.withAddress(server.getHostString(), server.getPort());
    }
    client = builder.connectAscii();
    try {
      Futures.await(ConnectFuture.fullyConnectedFuture(client).toCompletableFuture(), waitMillis);
    } catch (TimeoutException e) {
      client.shutdown();
      throw new IOException("folsom could not connect to " + servers + " within " + waitMillis + " ms");
    } catch (Exception e) {
      client.shutdown();
      throw e;
    }
  }

  @Override
  public byte[] get(String key) throws Exception {
    return Futures.await(client.get(key).toCompletableFuture(), waitMillis);
  }

  @Override
  public void set(String key, byte[] value) throws Exception {
    if (Futures.await(client.set(key, value, 0).toCompletableFuture(), waitMillis) != MemcacheStatus.OK) {
      throw new NotStoredException(key);
    }
  }

  @Override
  public CompletionStage<byte[]> getAsync(String key) {
    return client.get(key);
  }

  @Override
  public CompletionStage<Void> setAsync(String key, byte[] value) {
    return client.set(key, value, 0).thenAccept(status -> NotStoredException.check(status == MemcacheStatus.OK, key));
  }

  @Override
  public Map<String, byte[]> getMulti(List<String> keys) throws Exception {
    return Futures.await(getMultiAsync(keys).toCompletableFuture(), waitMillis);
  }

  /** folsom answers a list of values in the order of the keys, {@code null} for a miss. */
  @Override
  public CompletionStage<Map<String, byte[]>> getMultiAsync(List<String> keys) {
    return client.get(keys).thenApply(values -> {
      Map<String, byte[]> found = new HashMap<>(keys.size() * 4 / 3 + 1);
      for (int i = 0; i < keys.size(); i++) {
        if (values.get(i) != null) {
          found.put(keys.get(i), values.get(i));
        }
      }
      return found;
    });
  }

  @Override
  public void close() {
    client.shutdown();
  }
}
