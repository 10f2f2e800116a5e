package io.cacheman.bench.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A line chart of a few series over a numeric x, drawn with Java2D (headless): axes with ticks at
 * the points themselves, optional log scales, a marker per point and a legend. Enough to show how a
 * figure grows with the work; not a plotting library.
 */
final class LineChart {
  static final int WIDTH = 900;
  static final int HEIGHT = 540;
  /** Series colours, in order: distinguishable in print and for the common colour blindnesses. */
  static final Color[] COLOURS = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
      new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9)};
  private static final int LEFT = 90;
  private static final int RIGHT = 170;
  private static final int TOP = 50;
  private static final int BOTTOM = 70;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean logX;
  private final boolean logY;

  LineChart(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.logX = logX;
    this.logY = logY;
  }

  /** Draws {@code series} (name → x → y, in legend order); every value must be positive on a log axis. */
  BufferedImage draw(Map<String, TreeMap<Double, Double>> series) {
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = 0;
    double minY = Double.MAX_VALUE;
    TreeSet<Double> xs = new TreeSet<>();
    for (TreeMap<Double, Double> points : series.values()) {
      for (Map.Entry<Double, Double> p : points.entrySet()) {
        checkPositive(p.getKey(), logX, "x");
        checkPositive(p.getValue(), logY, "y");
        xs.add(p.getKey());
        minX = Math.min(minX, p.getKey());
        maxX = Math.max(maxX, p.getKey());
        minY = Math.min(minY, p.getValue());
        maxY = Math.max(maxY, p.getValue());
      }
    }
    Axis x = new Axis(minX, maxX, logX);
    Axis y = logY ? new Axis(minY / 1.2, maxY * 1.2, true) : new Axis(0, maxY * 1.1, false);
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      int plotW = WIDTH - LEFT - RIGHT;
      int plotH = HEIGHT - TOP - BOTTOM;
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      FontMetrics fm = g.getFontMetrics();
      g.setColor(new Color(0xDDDDDD));
      for (double tick : y.ticks()) {
        int py = TOP + plotH - (int) Math.round(y.fraction(tick) * plotH);
        g.drawLine(LEFT, py, LEFT + plotW, py);
      }
      g.setColor(Color.DARK_GRAY);
      g.drawRect(LEFT, TOP, plotW, plotH);
      for (double tick : y.ticks()) {
        int py = TOP + plotH - (int) Math.round(y.fraction(tick) * plotH);
        String label = number(tick);
        g.drawString(label, LEFT - 8 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
      }
      for (double tick : xs) {
        int px = LEFT + (int) Math.round(x.fraction(tick) * plotW);
        g.drawLine(px, TOP + plotH, px, TOP + plotH + 5);
        String label = number(tick);
        g.drawString(label, px - fm.stringWidth(label) / 2, TOP + plotH + 8 + fm.getAscent());
      }
      g.drawString(xLabel, LEFT + plotW / 2 - fm.stringWidth(xLabel) / 2, HEIGHT - 18);
      Graphics2D rotated = (Graphics2D) g.create();
      rotated.rotate(-Math.PI / 2);
      rotated.drawString(yLabel, -(TOP + plotH / 2) - fm.stringWidth(yLabel) / 2, 24);
      rotated.dispose();
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.drawString(title, LEFT, TOP - 18);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      int i = 0;
      for (Map.Entry<String, TreeMap<Double, Double>> s : series.entrySet()) {
        Color colour = COLOURS[i % COLOURS.length];
        g.setColor(colour);
        g.setStroke(new BasicStroke(2.5f));
        int lastX = -1;
        int lastY = -1;
        for (Map.Entry<Double, Double> p : s.getValue().entrySet()) {
          int px = LEFT + (int) Math.round(x.fraction(p.getKey()) * plotW);
          int py = TOP + plotH - (int) Math.round(y.fraction(p.getValue()) * plotH);
          if (lastX >= 0) {
            g.drawLine(lastX, lastY, px, py);
          }
          g.fillOval(px - 5, py - 5, 10, 10);
          lastX = px;
          lastY = py;
        }
        int ly = TOP + 10 + i * 24;
        g.fillRect(WIDTH - RIGHT + 20, ly, 22, 10);
        g.setColor(Color.DARK_GRAY);
        g.drawString(s.getKey(), WIDTH - RIGHT + 50, ly + 10);
        i++;
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void checkPositive(double v, boolean log, String axis) {
    if (log && v <= 0) {
      throw new IllegalArgumentException("a log " + axis + " axis needs positive values, got " + v);
    }
  }

  static String number(double v) {
    if (v >= 1_000_000 && v % 1_000_000 == 0) {
      return (long) (v / 1_000_000) + "M";
    }
    if (v >= 10_000 && v % 1_000 == 0) {
      return (long) (v / 1_000) + "k";
    }
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%.2f", v);
  }

  /** Maps values to [0, 1] along one axis, linear or log, with round tick values. */
  private record Axis(double min, double max, boolean log) {
    double fraction(double v) {
      if (max == min) {
        return 0.5;
      }
      return log ? (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min)) : (v - min) / (max - min);
    }

    List<Double> ticks() {
      List<Double> ticks = new ArrayList<>();
      if (log) { // 1, 2, 5 of each decade: a narrow range still gets several ticks
        for (double decade = Math.pow(10, Math.floor(Math.log10(min))); decade <= max; decade *= 10) {
          for (double m : new double[] {1, 2, 5}) {
            if (decade * m >= min && decade * m <= max) {
              ticks.add(decade * m);
            }
          }
        }
        return ticks;
      }
      double step = Math.pow(10, Math.floor(Math.log10(Math.max(max - min, 1e-9) / 5)));
      for (double m : new double[] {1, 2, 5, 10}) {
        if ((max - min) / (step * m) <= 6) {
          step *= m;
          break;
        }
      }
      for (double t = Math.ceil(min / step) * step; t <= max; t += step) {
        ticks.add(t);
      }
      return ticks;
    }
  }
}
