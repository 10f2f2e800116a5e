package io.cacheman.internal.routing;

import io.cacheman.config.KetamaNodeNames;
import io.cacheman.config.NodeAddress;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ketama continuum of libmemcached ({@code KETAMA_WEIGHTED}), twemproxy ({@code ketama}) and
 * spymemcached ({@code KETAMA_HASH}, libmemcached key format), so mixed clients agree on every
 * key's node (DESIGN.md §3).
 *
 * <p>Each node gets {@code floor(weight / totalWeight × 40 × n + 1e-10) × 4} points (160 with
 * equal weights), computed in {@code float} exactly as those clients do. Points come four at a
 * time from {@code MD5(ringName + "-" + i)}, each a little-endian 32-bit slice of the digest. A
 * key hashes to the first four bytes of {@code MD5(key)} read the same way and belongs to the
 * first point at or after it, wrapping around.
 *
 * <p>Immutable and thread-safe. Points sit in one sorted {@code int[]} (sign bit flipped, so
 * signed order is unsigned order) beside an {@code int[]} of owners: a lookup is an MD5 and a
 * binary search, with no boxing.
 */
public final class KetamaContinuum implements NodeLocator {
  private static final Logger log = LoggerFactory.getLogger(KetamaContinuum.class);
  private static final int POINTS_PER_NODE = 160;
  private static final int POINTS_PER_DIGEST = 4;
  private static final ThreadLocal<Md5> MD5 = ThreadLocal.withInitial(Md5::new);
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final int[] points;
  private final int[] owners;
  private final int nodeCount;

  private KetamaContinuum(int[] points, int[] owners, int nodeCount) {
    this.points = points;
    this.owners = owners;
    this.nodeCount = nodeCount;
  }

  /** The continuum of {@code nodes}, in configured order, named on the ring as {@code names} says. */
  public static KetamaContinuum build(List<NodeAddress> nodes, KetamaNodeNames names) {
    List<String> ringNames = new ArrayList<>(nodes.size());
    int[] weights = new int[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      ringNames.add(ringName(nodes.get(i), names));
      weights[i] = nodes.get(i).weight();
    }
    return build(ringNames, weights);
  }

  /** The continuum of nodes {@code i} named {@code ringNames.get(i)} with {@code weights[i]}, each at least 1. */
  public static KetamaContinuum build(List<String> ringNames, int[] weights) {
    int n = ringNames.size();
    if (n == 0 || weights.length != n) {
      throw new IllegalArgumentException("need one weight per node and at least one node, got "
          + n + " names and " + weights.length + " weights");
    }
    long totalWeight = 0;
    for (int w : weights) {
      if (w < 1) {
        throw new IllegalArgumentException("weights must be at least 1, got " + Arrays.toString(weights));
      }
      totalWeight += w;
    }
    int[] pointsPerNode = new int[n];
    int total = 0;
    for (int node = 0; node < n; node++) {
      pointsPerNode[node] = pointsFor(weights[node], totalWeight, n);
      total += pointsPerNode[node];
      if (pointsPerNode[node] == 0) {
        log.warn("Ketama node {} (weight {} of {}) gets no points and so no keys; raise its weight",
            ringNames.get(node), weights[node], totalWeight);
      }
    }
    Md5 md5 = new Md5();
    long[] packed = new long[total];
    int count = 0;
    for (int node = 0; node < n; node++) {
      for (int i = 0; i < pointsPerNode[node] / POINTS_PER_DIGEST; i++) {
        byte[] d = md5.digest((ringNames.get(node) + "-" + i).getBytes(StandardCharsets.UTF_8));
        for (int h = 0; h < POINTS_PER_DIGEST; h++) {
          int point = (int) INT_LE.get(d, h * 4);
          // High half: the point with its sign bit flipped, so a signed sort is an unsigned one.
          packed[count++] = ((long) (point ^ Integer.MIN_VALUE) << 32) | node;
        }
      }
    }
    Arrays.sort(packed);
    int[] points = new int[count];
    int[] owners = new int[count];
    for (int i = 0; i < count; i++) {
      points[i] = (int) (packed[i] >> 32);
      owners[i] = (int) packed[i];
    }
    return new KetamaContinuum(points, owners, n);
  }

  /** Points for one node: libmemcached's formula, in its float arithmetic, so that rounding agrees too. */
  static int pointsFor(int weight, long totalWeight, int nodeCount) {
    float pct = (float) weight / (float) totalWeight;
    float perFour = pct * POINTS_PER_NODE / POINTS_PER_DIGEST * (float) nodeCount;
    return (int) Math.floor(perFour + 0.0000000001) * POINTS_PER_DIGEST;
  }

  /**
   * A node's name on the ring. {@link KetamaNodeNames#LIBMEMCACHED}: {@code host:port}, or just
   * {@code host} on port 11211, the host as libmemcached holds it (IPv6 without brackets).
   * {@link KetamaNodeNames#SPYMEMCACHED}: {@code host:port} always (the node's id).
   */
  public static String ringName(NodeAddress node, KetamaNodeNames names) {
    return switch (names) {
      case LIBMEMCACHED -> node.port() == 11211 ? node.host() : node.host() + ":" + node.port();
      case SPYMEMCACHED -> node.id();
    };
  }

  /** The key's position on the ring: the first four bytes of its MD5, little-endian, as an unsigned int. */
  static int hash(byte[] key) {
    return (int) INT_LE.get(MD5.get().digest(key), 0);
  }

  @Override
  public int primary(byte[] key) {
    return owners[indexFor(hash(key))];
  }

  @Override
  public int locate(byte[] key, IntPredicate isLive) {
    int start = indexFor(hash(key));
    for (int step = 0; step < points.length; step++) {
      int i = start + step < points.length ? start + step : start + step - points.length;
      if (isLive.test(owners[i])) {
        return owners[i];
      }
    }
    return -1;
  }

  /** The index of the first point at or after {@code hash} (unsigned), wrapping to 0 past the last. */
  private int indexFor(int hash) {
    int wanted = hash ^ Integer.MIN_VALUE;
    int low = 0;
    int high = points.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (points[mid] < wanted) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low == points.length ? 0 : low;
  }

  /** The number of points on the ring (160 per node with equal weights). */
  public int pointCount() {
    return points.length;
  }

  @Override
  public String toString() {
    return "KetamaContinuum{nodes=" + nodeCount + ", points=" + points.length + "}";
  }

  /** A reusable MD5 with its output buffer: one per thread, so hashing a key allocates nothing. */
  private static final class Md5 {
    private final MessageDigest digest;
    private final byte[] out = new byte[16];

    Md5() {
      try {
        digest = MessageDigest.getInstance("MD5");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform must provide MD5", e);
      }
    }

    byte[] digest(byte[] input) {
      digest.update(input);
      try {
        digest.digest(out, 0, out.length);
      } catch (DigestException e) {
        throw new IllegalStateException("a 16-byte buffer always holds an MD5", e);
      }
      return out;
    }
  }
}
