package io.cacheman.samples;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cacheman.Cache;
import io.cacheman.CacheTranscodingException;
import io.cacheman.CachedData;
import io.cacheman.Cacheman;
import io.cacheman.Transcoder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A transcoder of your own: store a small record as readable text that any memcached client
 * can read, instead of Java serialization.
 */
public final class CustomTranscoderSample {
  private CustomTranscoderSample() {}

  /** The value type of this sample. */
  public record Point(int x, int y) {}

  /** Stores a point as {@code "x,y"} with flags 0. */
  public static final Transcoder<Point> POINTS = new Transcoder<>() {
    @Override
    public CachedData encode(Point p) {
      return new CachedData(0, (p.x() + "," + p.y()).getBytes(UTF_8));
    }

    @Override
    public Point decode(CachedData data) {
      String[] xy = new String(data.data(), UTF_8).split(",", -1);
      if (xy.length != 2) {
        throw new CacheTranscodingException("not a point: " + new String(data.data(), UTF_8));
      }
      try {
        return new Point(Integer.parseInt(xy[0]), Integer.parseInt(xy[1]));
      } catch (NumberFormatException e) {
        throw new CacheTranscodingException("not a point: " + new String(data.data(), UTF_8), e);
      }
    }
  };

  public static void main(String[] args) {
    try (Cache<Object> cache = args.length > 0 ? Cacheman.open(Path.of(args[0])) : Cacheman.open()) {
      run(cache, System.out);
    }
  }

  static void run(Cache<Object> client, PrintStream out) {
    Cache<Point> points = client.withTranscoder(POINTS);
    points.set("point:origin", new Point(0, 0), Duration.ofMinutes(5));
    points.set("point:home", new Point(3, 4), Duration.ofMinutes(5));
    out.println("point:home -> " + points.get("point:home"));
    out.println("as text by any client -> " + client.get("point:home"));
  }
}
