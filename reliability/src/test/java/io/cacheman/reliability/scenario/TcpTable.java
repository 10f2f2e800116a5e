package io.cacheman.reliability.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the kernel's TCP socket table ({@code /proc/net/tcp} and {@code tcp6}) to watch connect attempts. */
final class TcpTable {
  private static final String SYN_SENT = "02";

  private TcpTable() {}

  /**
   * This host's sockets in SYN_SENT towards remote port {@code port} (connects in progress), each
   * named by its local address and inode.
   */
  static Set<String> connectingTo(int port) {
    Set<String> sockets = new HashSet<>();
    String portHex = String.format(":%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines;
      try {
        lines = Files.readAllLines(Path.of(table));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + table, e);
      }
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && f[2].endsWith(portHex) && f[3].equals(SYN_SENT)) {
          sockets.add(f[1] + "/" + f[9]);
        }
      }
    }
    return sockets;
  }
}
