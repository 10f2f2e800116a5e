package io.cacheman.reliability.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded stream of hostile inputs for a memcached text-protocol parser: a third generated from
 * the grammar with hostile tokens, a third mutations of valid and known-hostile commands, the rest
 * raw random bytes, with an occasional oversized line. The same seed gives the same inputs.
 *
 * <pre>{@code
 * FuzzInputs inputs = new FuzzInputs(42);
 * byte[] first = inputs.next();
 * }</pre>
 *
 * <p>Inputs stay under {@value #MAX_INPUT} bytes; declared data lengths may be far larger, which
 * is part of what is tested. Not thread-safe.
 */
public final class FuzzInputs {
  /** Upper bound of one input's size. */
  public static final int MAX_INPUT = 70_000;

  private static final List<String> VERBS = List.of("get", "gets", "set", "add", "replace", "append", "prepend",
      "cas", "delete", "incr", "decr", "touch", "gat", "gats", "flush_all", "stats", "version", "verbosity",
      "quit", "GET", "SET", "Get", "mg", "ms", "md", "ma", "mn", "me", "lru_crawler", "watch", "shutdown",
      "slabs", "cache_memlimit", "misbehave", "");
  private static final List<String> NUMBERS = List.of("0", "1", "-1", "2", "10", "255", "256", "1024",
      "1048576", "1048577", "2097152", "2147483647", "2147483648", "-2147483648", "4294967295", "4294967296",
      "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616",
      "99999999999999999999999999", "-0", "+1", "0x10", "1e3", "1.5", "abc", "", " ", "00000000000000000001",
      "2592000", "2592001", "-2592001");
  private static final List<String> SEEDS = List.of(
      "get foo\r\n", "gets a b c\r\n", "set foo 0 0 3\r\nbar\r\n", "add k 5 100 1 noreply\r\nx\r\n",
      "cas foo 0 0 3 17\r\nabc\r\n", "append foo 0 0 2\r\nzz\r\n", "incr n 5\r\n", "decr n 18446744073709551615\r\n",
      "touch foo 10\r\n", "gat 0 foo bar\r\n", "delete foo noreply\r\n", "flush_all 0\r\n", "stats\r\n",
      "stats settings\r\n", "stats items\r\n", "version\r\n", "verbosity 1\r\n", "set e 0 0 0\r\n\r\n",
      "set foo 0 0 3\r\nabcdef\r\n", "set foo 0 0 3\r\nabcXY", "set foo 0 0 -1\r\n", "GET / HTTP/1.1\r\n\r\n",
      "get a\u0001b\r\n", "set big 0 0 2097152\r\n", "incr n -1\r\n", "delete foo 10\r\n",
      "touch foo abc\r\n", "set foo 0 0\r\n", "flush_all noreply\r\nversion\r\n");

  private final SplittableRandom random;

  /** The inputs of {@code seed}. */
  public FuzzInputs(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The next input. */
  public byte[] next() {
    int kind = random.nextInt(100);
    byte[] input;
    if (kind < 35) {
      input = grammar();
    } else if (kind < 70) {
      input = mutate(ascii(SEEDS.get(random.nextInt(SEEDS.size()))));
    } else if (kind < 98) {
      input = bytes(random.nextInt(1, 300));
    } else {
      input = longLine();
    }
    return input.length <= MAX_INPUT ? input : java.util.Arrays.copyOf(input, MAX_INPUT);
  }

  private byte[] grammar() {
    StringBuilder s = new StringBuilder(VERBS.get(random.nextInt(VERBS.size())));
    int tokens = random.nextInt(8) == 0 ? random.nextInt(40) : random.nextInt(7);
    for (int i = 0; i < tokens; i++) {
      s.append(separator()).append(random.nextBoolean() ? key() : NUMBERS.get(random.nextInt(NUMBERS.size())));
    }
    if (random.nextInt(5) == 0) {
      s.append(" noreply");
    }
    s.append(lineEnd());
    if (random.nextInt(3) == 0) { // a data block, often of the wrong size or with the wrong end
      int n = random.nextInt(64);
      for (int i = 0; i < n; i++) {
        s.append((char) ('a' + random.nextInt(26)));
      }
      s.append(lineEnd());
    }
    return s.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private String key() {
    int kind = random.nextInt(10);
    int length = switch (kind) {
      case 0 -> 250;
      case 1 -> 251;
      case 2 -> random.nextInt(240, 400);
      default -> random.nextInt(1, 16);
    };
    StringBuilder k = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      k.append((char) (random.nextInt(12) == 0 ? random.nextInt(0, 256) : 'a' + random.nextInt(26)));
    }
    return k.toString();
  }

  private String separator() {
    return switch (random.nextInt(12)) {
      case 0 -> "  ";
      case 1 -> "\t";
      default -> " ";
    };
  }

  private String lineEnd() {
    return switch (random.nextInt(10)) {
      case 0 -> "\n";
      case 1 -> "\r";
      case 2 -> "";
      case 3 -> "\r\r\n";
      default -> "\r\n";
    };
  }

  private byte[] mutate(byte[] seed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(seed);
    byte[] b = out.toByteArray();
    int edits = random.nextInt(1, 5);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(6)) {
        case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> b[at] = (byte) random.nextInt(256);
        case 2 -> b = splice(b, at, 1, new byte[0]);
        case 3 -> b = splice(b, at, 0, new byte[] {(byte) random.nextInt(256)});
        case 4 -> b = splice(b, at, 0, ascii(NUMBERS.get(random.nextInt(NUMBERS.size()))));
        default -> b = splice(b, b.length, 0, ascii(SEEDS.get(random.nextInt(SEEDS.size()))));
      }
    }
    return b;
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return b;
  }

  private byte[] longLine() {
    int n = random.nextInt(2_000, MAX_INPUT - 10);
    byte[] b = new byte[n];
    byte[] head = ascii(random.nextBoolean() ? "get " : "set ");
    System.arraycopy(head, 0, b, 0, head.length);
    for (int i = head.length; i < n; i++) {
      b[i] = (byte) (random.nextInt(9) == 0 ? ' ' : 'a' + random.nextInt(26));
    }
    return random.nextBoolean() ? b : splice(b, b.length, 0, ascii("\r\n"));
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    byte[] r = new byte[b.length - remove + insert.length];
    System.arraycopy(b, 0, r, 0, at);
    System.arraycopy(insert, 0, r, at, insert.length);
    System.arraycopy(b, at + remove, r, at + insert.length, b.length - at - remove);
    return r;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
