package io.cacheman.reliability.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads memory figures of a process from {@code /proc/PID/status} (Linux). */
public final class ProcStatus {
  private ProcStatus() {}

  /**
   * A {@code kB} field of {@code /proc/PID/status}, such as {@code VmRSS} or {@code VmHWM}, in bytes.
   *
   * @throws IllegalStateException when the process or the field does not exist
   */
  public static long read(long pid, String field) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(field + ":")) {
          String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + status + " (has the process exited?)", e);
    }
    throw new IllegalStateException(status + " has no " + field + " line");
  }

  /**
   * True when every thread of the process is stopped (state {@code T} in
   * {@code /proc/PID/task/TID/stat}). {@code kill -STOP} returns once the signal is sent; each
   * thread stops only when the kernel next handles it, so a caller that needs a frozen process
   * waits for this.
   */
  public static boolean allThreadsStopped(long pid) {
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String stat = Files.readString(task.resolve("stat"));
        // "TID (comm) STATE ...": comm may hold spaces or parentheses, so read after the last ')'
        char state = stat.charAt(stat.lastIndexOf(')') + 2);
        if (state != 'T' && state != 't') {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false; // a thread ended while we looked: look again
    }
  }

  /** Open file descriptors of this JVM (entries of {@code /proc/self/fd}). */
  public static int openFileDescriptors() {
    try (var entries = Files.list(Path.of("/proc/self/fd"))) {
      return (int) entries.count();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list /proc/self/fd", e);
    }
  }
}
