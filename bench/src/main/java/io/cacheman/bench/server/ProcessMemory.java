package io.cacheman.bench.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory as Linux reports it in {@code /proc/PID/status}. */
public final class ProcessMemory {
  private ProcessMemory() {}

  /**
   * The process's VmRSS in bytes.
   *
   * @throws IOException when there is no such process or no VmRSS line (not Linux)
   */
  public static long residentBytes(long pid) throws IOException {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
        long amount = Long.parseLong(parts[0]);
        return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? amount * 1024 : amount;
      }
    }
    throw new IOException(status + " has no VmRSS line");
  }
}
