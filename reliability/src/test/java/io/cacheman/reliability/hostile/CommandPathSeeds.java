package io.cacheman.reliability.hostile;

import io.cacheman.reliability.fuzz.FuzzInputs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prepares the working directory of a coverage-guided run of {@code CommandPathFuzz}: creates
 * {@code corpus/} (where libFuzzer keeps what it finds) and {@code findings/}, and writes the seeds
 * into {@code seeds/}: the bytes a client sends in each conversation of {@code hostile-inputs.txt},
 * a conversation per command family, and samples of the seeded fuzzer's inputs ({@link
 * FuzzInputs}), each behind a control byte that varies the read pattern and eviction policy (see
 * {@code FuzzedInput}) and cut to the fuzzer's {@value #MAX_INPUT}-byte input size.
 *
 * <pre>java -cp … io.cacheman.reliability.hostile.CommandPathSeeds reliability/target/fuzz</pre>
 */
public final class CommandPathSeeds {
  /** The fuzzer's -max_len. */
  static final int MAX_INPUT = 8192;
  private static final int GENERATED = 300;
  private static final List<String> CONVERSATIONS = List.of(
      "set a 0 0 1\r\n1\r\nincr a 41\r\ndecr a 50\r\nincr a 18446744073709551615\r\nget a\r\n",
      "set k 5 0 3\r\nabc\r\ngets k\r\ncas k 0 0 1 1\r\nx\r\ncas k 0 0 1 2\r\ny\r\ngets k\r\n",
      "add k 0 0 2\r\nhi\r\nadd k 0 0 2\r\nho\r\nreplace k 0 0 1\r\nz\r\nreplace q 0 0 1\r\nz\r\n",
      "set k 0 0 1\r\nb\r\nappend k 0 0 1\r\nc\r\nprepend k 0 0 1\r\na\r\nget k\r\nappend no 0 0 1\r\nx\r\n",
      "set k 0 100 1\r\nv\r\ntouch k 1\r\ngat 0 k\r\ngats 3000000 k q\r\ntouch q 1 noreply\r\nget k\r\n",
      "set k 0 0 1 noreply\r\nv\r\ndelete k\r\ndelete k 0\r\ndelete k noreply\r\ndelete k 0 noreply\r\n",
      "set k 0 0 1\r\nv\r\nflush_all 2\r\nget k\r\nget k\r\nget k\r\nflush_all\r\nflush_all noreply\r\n",
      "stats\r\nstats settings\r\nstats items\r\nstats slabs\r\nstats reset\r\nstats bogus\r\nversion\r\n",
      "verbosity 1\r\nverbosity 1 noreply\r\nverbosity\r\nshutdown\r\nquit\r\nget after_quit\r\n",
      "set big 0 0 3000\r\n" + "x".repeat(3000) + "\r\nget big big\r\nset big2 0 0 3000\r\n"
          + "y".repeat(3000) + "\r\nset big3 0 0 3000\r\n",
      "set n 0 -1 1\r\nv\r\nget n\r\nset t 0 2 1\r\nv\r\nget t\r\nget t\r\nget t\r\n",
      "set x 0 0 5000\r\nget x\r\nset y 4294967295 0 0\r\n\r\ngets y\r\nset z 4294967296 0 0\r\n\r\n",
      "get " + "k ".repeat(1200) + "\r\n" + "gets " + "q".repeat(251) + "\r\n");

  private CommandPathSeeds() {}

  /** Prepares the working directory given as the only argument. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CommandPathSeeds <working directory>");
    }
    Path work = Path.of(args[0]);
    Files.createDirectories(work.resolve("corpus"));
    Files.createDirectories(work.resolve("findings"));
    Path dir = Files.createDirectories(work.resolve("seeds"));
    int n = 0;
    for (HostileCase c : HostileCase.load("hostile-inputs.txt")) {
      write(dir.resolve("hostile-" + c.id()), n++, sent(c));
    }
    for (int i = 0; i < CONVERSATIONS.size(); i++) {
      write(dir.resolve("conversation-" + i), n++, CONVERSATIONS.get(i).getBytes(StandardCharsets.ISO_8859_1));
    }
    FuzzInputs generated = new FuzzInputs(1);
    for (int i = 0; i < GENERATED; i++) {
      write(dir.resolve("generated-" + i), n++, generated.next());
    }
    System.out.println(n + " seeds in " + dir);
  }

  /** What the client sends to Cacheman in a conversation, in order. */
  private static byte[] sent(HostileCase c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (HostileCase.Step step : c.steps()) {
      if (step.appliesTo(HostileCase.Target.CACHEMAN) && (step.verb().equals("send") || step.verb().equals("trickle"))) {
        out.writeBytes(step.bytes());
      }
    }
    return out.toByteArray();
  }

  /** Seed number {@code n}: read patterns whole, bytewise and random in turn, evictions likewise. */
  private static void write(Path file, int n, byte[] stream) throws IOException {
    int pattern = switch (n % 3) {
      case 0 -> 0;
      case 1 -> 1;
      default -> 2 + n % 62;
    };
    int length = Math.min(stream.length, MAX_INPUT - 1);
    byte[] input = new byte[length + 1];
    input[0] = (byte) (pattern << 2 | n / 3 % 3);
    System.arraycopy(stream, 0, input, 1, length);
    Files.write(file, input);
  }
}
