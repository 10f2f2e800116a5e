package io.cacheman.reliability.soak;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CI version of the hour-long soak of docs/RELIABILITY.md: two minutes, three node
 * processes, half the measured peak, a fifth of all requests from misbehaving raw clients, a
 * node killed and another paused, every node's vitals each minute. Nothing that must never
 * happen happens (the verdict), every binary request is refused at once, and every figure of
 * every minute was read.
 */
class SoakTest {
  private static final Pattern ROW = Pattern.compile("(?m)^\\| (\\d+) \\| (\\d) \\| (\\d+|–) \\| (\\d+|–) \\|");

  @Test
  void twoMinutesOfCheckedAndHostileLoadWithFaults() throws Exception {
    SoakSettings settings = new SoakSettings(Duration.ofMinutes(2), 3, 4, 5_000, 0.8, 0.05, 32, 4096, 0,
        Duration.ofSeconds(40), Duration.ofSeconds(4), Duration.ofMillis(250), Duration.ofSeconds(1), 64,
        Duration.ofSeconds(5), 0.5, 0.2, true);
    Path report = Files.createDirectories(Path.of("target")).resolve("soak-ci.md");
    boolean clean = SoakRun.run(settings, report);
    String md = Files.readString(report);
    assertTrue(clean, md);
    assertTrue(md.contains("binary requests left unanswered for over a second: 0"), md);
    Matcher rows = ROW.matcher(md.substring(md.indexOf("### Every minute")));
    int read = 0;
    while (rows.find()) {
      // a node may be down at a minute's reading (killed, paused): then it has no figures
      if (!rows.group(3).equals("–")) {
        assertTrue(Long.parseLong(rows.group(3)) > 0 && Long.parseLong(rows.group(4)) > 0, rows.group());
        read++;
      }
    }
    assertTrue(read >= 6, "vitals read at least twice for each node: " + read + "\n" + md);
  }
}
