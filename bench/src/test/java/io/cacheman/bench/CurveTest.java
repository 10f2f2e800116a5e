package io.cacheman.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A curve as a user records and draws it: one compare per point into a CSV, then plot. */
class CurveTest {
  /** The chart's first two series colours (LineChart.COLOURS). */
  private static final int FIRST_SERIES = 0x0072B2;
  private static final int SECOND_SERIES = 0xD55E00;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir
  Path dir;

  private int bench(String args) {
    return BenchMain.execute(args.trim().split("\\s+"), new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void eachCompareAppendsAPointAndPlotDrawsTheCurve() throws Exception {
    Path csv = dir.resolve("threads.csv");
    for (int threads : new int[] {1, 4}) {
      assertEquals(0, bench("compare --rounds 1 --warmup-rounds 0 --server canned --duration 1s --warmup 0s --keys 100"
          + " --max-requests 300 --threads " + threads + " -c a=--client=cacheman -c b=--client=spymemcached"
          + " --csv " + csv + " --point " + threads), err.toString());
    }
    List<String> lines = Files.readAllLines(csv);
    assertEquals("point,config,ops_per_s,p99_us,cpu_us_per_op,errors,keys_per_s,p50_us,cpu_us_per_key", lines.get(0));
    assertEquals(5, lines.size(), lines.toString());
    assertTrue(lines.get(1).matches("1,a,[\\d.]+,[\\d.]+,[\\d.]+,0,[\\d.]+,[\\d.]+,[\\d.]+"), lines.get(1));
    assertTrue(lines.get(4).matches("4,b,[\\d.]+,[\\d.]+,[\\d.]+,0,[\\d.]+,[\\d.]+,[\\d.]+"), lines.get(4));

    Path png = dir.resolve("threads.png");
    assertEquals(0, bench("plot --csv " + csv + " --metric ops --log-x --title t --out " + png), err.toString());
    assertTrue(out.toString().contains("plot: 2 series, 4 points"), out.toString());
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(900, image.getWidth());
    assertEquals(540, image.getHeight());
    assertTrue(hasColour(image, FIRST_SERIES) && hasColour(image, SECOND_SERIES), "both series drawn");
    assertEquals(0, bench("plot --csv " + csv + " --metric mbps --out " + dir.resolve("mbps.png")), err.toString());
    assertEquals(2, bench("plot --csv " + csv + " --metric nosuch --out " + dir.resolve("x.png")));
    assertTrue(err.toString().contains("--metric must be ops, keys, p50, p99, cpu, cpu-key or mbps, was 'nosuch'"),
        err.toString());
  }

  @Test
  void aMultiGetCurveRecordsKeysPerSecondBesideCallsPerSecond() throws Exception {
    Path csv = dir.resolve("multiget.csv");
    // 2,000 calls: process CPU time comes in 10 ms ticks here, and 200 calls of 20 keys once measured
    // 0 µs of CPU per key, which the log-scaled CPU plot below rightly refuses
    for (int width : new int[] {1, 20}) {
      assertEquals(0, bench("compare --rounds 1 --warmup-rounds 0 --server memcached --nodes 2 --server-threads 1"
          + " --duration 1s --warmup 0s --keys 500 --get-ratio 1 --max-requests 2000 --threads 2 --multi-get " + width
          + " -c a=--client=cacheman -c b=--client=xmemcached --csv " + csv + " --point " + width), err.toString());
    }
    assertTrue(out.toString().contains("memcached x 2 nodes"), out.toString());
    assertTrue(out.toString().contains("keys/s (median)") && out.toString().contains("cpu us/key (median)"),
        "a compare with multi-gets shows keys/s and CPU per key: " + out);
    List<String> lines = Files.readAllLines(csv);
    assertEquals(5, lines.size(), lines.toString());
    for (String line : lines.subList(1, 5)) {
      // point,config,ops_per_s,p99_us,cpu_us_per_op,errors,keys_per_s,p50_us,cpu_us_per_key
      double[] f = java.util.Arrays.stream(line.replaceFirst(",[ab],", ",0,").split(","))
          .mapToDouble(Double::parseDouble).toArray();
      assertEquals(0, f[5], line);
      // every get asks for `point` keys: keys/s is calls/s times the width, CPU per key a width-th of CPU per call
      assertEquals(f[2] * f[0], f[6], f[6] * 0.01 + 0.1, line);
      assertEquals(f[4] / f[0], f[8], f[8] * 0.01 + 0.001, line);
      assertTrue(f[7] > 0 && f[7] <= f[3], line);
    }
    assertEquals(0, bench("plot --csv " + csv + " --metric keys --log-x --out " + dir.resolve("keys.png")), err.toString());
    assertEquals(0, bench("plot --csv " + csv + " --metric cpu-key --log-x --log-y --out " + dir.resolve("k.png")),
        err.toString());
  }

  @Test
  void aCurveFileWithoutKeysPerSecondStillPlotsAndGrowsInItsOwnFormat() throws Exception {
    Path csv = dir.resolve("old.csv");
    Files.writeString(csv, "point,config,ops_per_s,p99_us,cpu_us_per_op,errors\n1,a,10,20,3.5,0\n");
    assertEquals(0, bench("compare --rounds 1 --warmup-rounds 0 --server canned --duration 1s --warmup 0s --keys 100"
        + " --max-requests 100 --threads 1 -c a=--client=cacheman --csv " + csv + " --point 2"), err.toString());
    List<String> lines = Files.readAllLines(csv);
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(2).matches("2,a,[\\d.]+,[\\d.]+,[\\d.]+,0"), "six columns, as the file has: " + lines);
    assertEquals(0, bench("plot --csv " + csv + " --metric keys --out " + dir.resolve("old.png")), err.toString());
    assertEquals(2, bench("plot --csv " + csv + " --metric p50 --out " + dir.resolve("p50.png")));
    assertTrue(err.toString().contains("no row has a p50 figure"), err.toString());
  }

  @Test
  void aBrokenCurveFileIsOneSentenceNamingItsLine() throws Exception {
    Path csv = dir.resolve("broken.csv");
    Files.writeString(csv, "point,config,ops_per_s,p99_us,cpu_us_per_op,errors\n1,a,10,20,3.5,0\n2,a,ten,20,3.5,0\n");
    assertEquals(2, bench("plot --csv " + csv + " --out " + dir.resolve("x.png")));
    assertTrue(err.toString().contains(csv + ": line 3: not a number"), err.toString());
    assertEquals(2, bench("compare --server canned -c a=--client=cacheman --csv " + csv));
    assertTrue(err.toString().contains("--csv and --point go together"), err.toString());
    assertFalse(err.toString().contains("\tat "), "no stack traces: " + err);
  }

  private static boolean hasColour(BufferedImage image, int rgb) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void plotDrawsAFillCurveWithoutGcFiguresForMemcached() throws Exception {
    Path csv = dir.resolve("items.csv");
    Files.writeString(csv, String.join("\n",
        "point,server,items,bytes_per_item,fill_per_s,get_p50_us,get_p99_us,get_p999_us,get_max_us,gets,gc_pauses,"
            + "gc_max_ms,gc_total_ms,rss_before_mb,rss_after_mb",
        "1000000,memcached,1000000,195.9,400000,130,4000,7000,9000,5000,,,,5,191",
        "1000000,cacheman,1000000,187.8,800000,150,7000,12000,14000,2500,10,4.15,30.2,78,257",
        "5000000,memcached,5000000,196.0,380000,131,5000,8000,9500,26000,,,,5,940",
        "5000000,cacheman,5000000,188.0,700000,150,9000,15000,20000,14000,14,7.10,60.0,78,975", ""));
    for (String metric : List.of("bytes", "fill", "p999", "gc-max")) {
      assertEquals(0, bench("plot --csv " + csv + " --metric " + metric + " --log-x --out " + dir.resolve(metric + ".png")),
          err.toString());
    }
    assertTrue(out.toString().contains("plot: 2 series, 4 points"), out.toString());
    assertTrue(out.toString().contains("plot: 1 series, 2 points"), "memcached has no GC: " + out);
    assertEquals(2, bench("plot --csv " + csv + " --metric ops --out " + dir.resolve("x.png")));
    assertTrue(err.toString().contains("--metric of a fill curve must be bytes, fill, p50, p99, p999, max or gc-max, "
        + "was 'ops'"), err.toString());
  }
}
