package io.cacheman.bench.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The servers the bench can start by itself on loopback. */
public enum ServerKind {
  /** Real memcached, as a child process. */
  MEMCACHED,
  /** server-minimal, as a child process. */
  CACHEMAN,
  /** server-minimal inside the bench's JVM (quick checks; figures come from {@link #CACHEMAN}). */
  CACHEMAN_EMBEDDED,
  /**
   * The built-in canned server, as a child process: a fixed valid reply to everything, nothing
   * stored (the I/O ceiling).
   */
  CANNED;

  /** The lower-case name used on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a command-line name.
   *
   * @throws IllegalArgumentException listing the valid names
   */
  public static ServerKind parse(String name) {
    for (ServerKind k : values()) {
      if (k.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException("server must be one of "
        + Arrays.stream(values()).map(ServerKind::cliName).collect(Collectors.joining(", ")) + "; was '" + name + "'");
  }
}
