package io.cacheman;

/**
 * Turns values into bytes plus flags and back. Implementations must be thread-safe.
 *
 * <p>{@link Transcoders} has the built-in ones. A custom transcoder for a type of yours:
 *
 * <pre>{@code
 * Transcoder<Point> points = new Transcoder<>() {
 *   public CachedData encode(Point p) {
 *     return new CachedData(0, (p.x() + "," + p.y()).getBytes(UTF_8));
 *   }
 *   public Point decode(CachedData d) {
 *     String[] xy = new String(d.data(), UTF_8).split(",");
 *     return new Point(parseInt(xy[0]), parseInt(xy[1]));
 *   }
 * };
 * Cache<Point> cache = client.withTranscoder(points);
 * }</pre>
 *
 * @param <T> the value type
 */
public interface Transcoder<T> {

  /** The flags and bytes to store for {@code value} (never {@code null}). */
  CachedData encode(T value);

  /**
   * The value stored as {@code data}.
   *
   * @throws CacheTranscodingException when the bytes or flags are not a value of this transcoder
   */
  T decode(CachedData data);
}
