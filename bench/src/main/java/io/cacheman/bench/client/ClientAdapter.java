package io.cacheman.bench.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The calls the load generator makes, over one client library. Values are raw bytes stored
 * with flags 0, so every client moves exactly the same bytes on the wire.
 *
 * <h2>Threading</h2>
 * Implementations are shared by all worker threads and must be thread-safe. Async calls may
 * complete on the library's own threads; callers must not block in their callbacks.
 *
 * <h2>Failures</h2>
 * Sync calls throw whatever the library throws; async calls complete exceptionally. A set the
 * server did not store counts as a failure ({@link NotStoredException}), and so does a multi-get
 * that could not read some of its keys (a node timed out or failed): it fails as a whole even
 * when the library hands back the rest, so no client's lost keys pass for misses.
 */
public interface ClientAdapter extends AutoCloseable {

  /** The value under {@code key}, or {@code null} on a miss. */
  byte[] get(String key) throws Exception;

  /** Stores {@code value} under {@code key} with no expiry. */
  void set(String key, byte[] value) throws Exception;

  /** The value under {@code key}, or {@code null} on a miss. */
  CompletionStage<byte[]> getAsync(String key);

  /** Stores {@code value} under {@code key} with no expiry. */
  CompletionStage<Void> setAsync(String key, byte[] value);

  /**
   * The values of the {@code keys} that are present, by key, through the library's own bulk call
   * (misses are absent). The keys are distinct.
   */
  Map<String, byte[]> getMulti(List<String> keys) throws Exception;

  /** The values of the {@code keys} that are present, by key; see {@link #getMulti}. */
  CompletionStage<Map<String, byte[]>> getMultiAsync(List<String> keys);

  /** Closes connections and stops the library's threads. */
  @Override
  void close();

  /**
   * Thrown or completed with when a multi-get could not read some of its keys, though the library
   * returned what the other nodes answered.
   */
  final class KeysNotReadException extends Exception {
    /** Says how many of how many keys were lost, with the library's reason as the cause. */
    public KeysNotReadException(int lost, int asked, Throwable cause) {
      super(lost + " of " + asked + " keys were not read: " + cause.getMessage(), cause, false, false);
    }
  }

  /** Thrown or completed with when the server answered a set with anything but {@code STORED}. */
  final class NotStoredException extends Exception {
    /** Names the key that was not stored. */
    public NotStoredException(String key) {
      super("the server did not store " + key, null, false, false);
    }

    /**
     * For use inside a completion stage: fails it with this exception unless {@code stored} is
     * true.
     */
    public static void check(Boolean stored, String key) {
      if (!Boolean.TRUE.equals(stored)) {
        throw new CompletionException(new NotStoredException(key));
      }
    }
  }
}
