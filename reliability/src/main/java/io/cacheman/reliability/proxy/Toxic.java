package io.cacheman.reliability.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * One fault a {@link FaultProxy} applies to the bytes flowing in one {@link Direction} of a
 * connection, modelled on Toxiproxy's toxics of the same names.
 *
 * <pre>{@code
 * proxy.everywhere(Direction.DOWNSTREAM, Toxic.slicer(1, 3, Duration.ofNanos(10_000)));
 * proxy.everywhere(Direction.DOWNSTREAM, Toxic.limitData(120, true)); // RST in the middle of a VALUE
 * }</pre>
 *
 * <p>Several toxics may be active on one direction; they combine in this order: {@link Blackhole}
 * drops the chunk, {@link Latency} delays it, {@link LimitData} trims it and cuts the connection,
 * {@link Slicer} and {@link Bandwidth} pace the write, {@link SlowClose} delays the close.
 * {@link ResetPeer} is a timer on the whole connection, whichever direction carries it.
 */
public sealed interface Toxic {

  /** Delays every chunk by {@code latency}, plus or minus a uniform {@code jitter}. */
  record Latency(Duration latency, Duration jitter) implements Toxic {
    public Latency {
      requireNonNegative(latency, "latency");
      requireNonNegative(jitter, "jitter");
    }
  }

  /** Caps the throughput at {@code bytesPerSecond}. */
  record Bandwidth(long bytesPerSecond) implements Toxic {
    public Bandwidth {
      if (bytesPerSecond <= 0) {
        throw new IllegalArgumentException("bandwidth must be positive, was " + bytesPerSecond);
      }
    }
  }

  /** Writes each chunk as pieces of {@code minBytes..maxBytes} bytes, waiting {@code delay} between them. */
  record Slicer(int minBytes, int maxBytes, Duration delay) implements Toxic {
    public Slicer {
      if (minBytes < 1 || maxBytes < minBytes) {
        throw new IllegalArgumentException("slice sizes must satisfy 1 <= min <= max, were " + minBytes + ".." + maxBytes);
      }
      requireNonNegative(delay, "delay");
    }
  }

  /** Reads and discards everything: the peer is connected, and never hears anything back. */
  record Blackhole() implements Toxic {}

  /**
   * Forwards {@code bytes} bytes (counted from when the toxic took effect), then cuts the
   * connection: with a TCP reset when {@code reset}, else with an orderly close.
   */
  record LimitData(long bytes, boolean reset) implements Toxic {
    public LimitData {
      if (bytes < 0) {
        throw new IllegalArgumentException("limit must not be negative, was " + bytes);
      }
    }
  }

  /** Resets the connection (RST via SO_LINGER 0) {@code after} this long from when the toxic took effect. */
  record ResetPeer(Duration after) implements Toxic {
    public ResetPeer {
      requireNonNegative(after, "after");
    }
  }

  /** When the source closes, waits {@code delay} before passing the close on. */
  record SlowClose(Duration delay) implements Toxic {
    public SlowClose {
      requireNonNegative(delay, "delay");
    }
  }

  /** {@link Latency} without jitter. */
  static Toxic latency(Duration latency) {
    return new Latency(latency, Duration.ZERO);
  }

  /** {@link Latency}. */
  static Toxic latency(Duration latency, Duration jitter) {
    return new Latency(latency, jitter);
  }

  /** {@link Bandwidth}. */
  static Toxic bandwidth(long bytesPerSecond) {
    return new Bandwidth(bytesPerSecond);
  }

  /** {@link Slicer}. */
  static Toxic slicer(int minBytes, int maxBytes, Duration delay) {
    return new Slicer(minBytes, maxBytes, delay);
  }

  /** {@link Blackhole}. */
  static Toxic blackhole() {
    return new Blackhole();
  }

  /** {@link LimitData}. */
  static Toxic limitData(long bytes, boolean reset) {
    return new LimitData(bytes, reset);
  }

  /** {@link ResetPeer}. */
  static Toxic resetPeer(Duration after) {
    return new ResetPeer(after);
  }

  /** {@link SlowClose}. */
  static Toxic slowClose(Duration delay) {
    return new SlowClose(delay);
  }

  private static void requireNonNegative(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, was " + d);
    }
  }
}
