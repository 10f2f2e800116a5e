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
    assertEquals("point,config,ops_per_s,p99_us,cpu_us_per_op,errors", lines.get(0));
    assertEquals(5, lines.size(), lines.toString());
    assertTrue(lines.get(1).matches("1,a,[\\d.]+,[\\d.]+,[\\d.]+,0"), lines.get(1));
    assertTrue(lines.get(4).matches("4,b,[\\d.]+,[\\d.]+,[\\d.]+,0"), lines.get(4));

    Path png = dir.resolve("threads.png");
    assertEquals(0, bench("plot --csv " + csv + " --metric ops --log-x --title t --out " + png), err.toString());
    assertTrue(out.toString().contains("plot: 2 series, 4 points"), out.toString());
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(900, image.getWidth());
    assertEquals(540, image.getHeight());
    assertTrue(hasColour(image, FIRST_SERIES) && hasColour(image, SECOND_SERIES), "both series drawn");
    assertEquals(0, bench("plot --csv " + csv + " --metric mbps --out " + dir.resolve("mbps.png")), err.toString());
    assertEquals(2, bench("plot --csv " + csv + " --metric nosuch --out " + dir.resolve("x.png")));
    assertTrue(err.toString().contains("--metric must be ops, p99, cpu or mbps, was 'nosuch'"), err.toString());
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
}
