package io.cacheman.bench.cli;

import io.cacheman.bench.load.Counts;
import io.cacheman.bench.load.RunResult;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * How a child JVM ({@code run --result-file FILE}) hands its {@link RunResult} to the parent: a
 * properties file with the counts, the window, the CPU time and the latency histogram (HdrHistogram's
 * compressed encoding in Base64), so the parent's tables come from the same figures as in-process
 * runs. Only jars built from the same or a later bench understand it; {@link #FORMAT} says which.
 */
final class ResultFile {
  static final String FORMAT = "cacheman-bench-run-result/1";

  private ResultFile() {}

  static void write(RunResult r, Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("format", FORMAT);
    p.setProperty("elapsedNanos", Long.toString(r.elapsed().toNanos()));
    p.setProperty("gets", Long.toString(r.counts().gets()));
    p.setProperty("hits", Long.toString(r.counts().hits()));
    p.setProperty("sets", Long.toString(r.counts().sets()));
    p.setProperty("errors", Long.toString(r.counts().errors()));
    p.setProperty("getKeys", Long.toString(r.counts().getKeys()));
    p.setProperty("cpuNanos", Long.toString(r.cpuNanos()));
    ByteBuffer histogram = ByteBuffer.allocate(r.latency().getNeededByteBufferCapacity());
    int length = r.latency().encodeIntoCompressedByteBuffer(histogram);
    p.setProperty("latency", Base64.getEncoder().encodeToString(
        Arrays.copyOf(histogram.array(), length)));
    if (r.firstError() != null) {
      p.setProperty("firstError", r.firstError());
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, null);
    }
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws IOException naming what is missing or malformed
   */
  static RunResult read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    if (!FORMAT.equals(p.getProperty("format"))) {
      throw new IOException("its result is not in format " + FORMAT + " (format: " + p.getProperty("format") + ")");
    }
    try {
      long gets = number(p, "gets");
      // a child built before multi-gets writes no getKeys: each of its gets asked for one key
      long getKeys = p.containsKey("getKeys") ? number(p, "getKeys") : gets;
      Counts counts = new Counts(gets, number(p, "hits"), number(p, "sets"), number(p, "errors"), getKeys);
      ByteBuffer encoded = ByteBuffer.wrap(Base64.getDecoder().decode(required(p, "latency")));
      Histogram latency = Histogram.decodeFromCompressedByteBuffer(encoded, 0);
      return new RunResult(Duration.ofNanos(number(p, "elapsedNanos")), counts, latency, p.getProperty("firstError"),
          number(p, "cpuNanos"));
    } catch (RuntimeException | DataFormatException e) {
      throw new IOException("its result is malformed: " + e.getMessage(), e);
    }
  }

  private static long number(Properties p, String key) throws IOException {
    return Long.parseLong(required(p, key));
  }

  private static String required(Properties p, String key) throws IOException {
    String value = p.getProperty(key);
    if (value == null) {
      throw new IOException("its result has no " + key);
    }
    return value;
  }
}
