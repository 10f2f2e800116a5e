package io.cacheman.bench.server;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** Servers someone else runs, given as {@code host:port,host:port}; closing leaves them running. */
public final class ExternalServers implements BenchServer {
  private final List<InetSocketAddress> addresses;

  private ExternalServers(List<InetSocketAddress> addresses) {
    this.addresses = List.copyOf(addresses);
  }

  /**
   * Parses {@code host:port[,host:port...]} ({@code [v6]:port} for IPv6).
   *
   * @throws IllegalArgumentException naming the entry that is not {@code host:port}
   */
  public static ExternalServers parse(String list) {
    List<InetSocketAddress> parsed = new ArrayList<>();
    for (String entry : list.split(",")) {
      String e = entry.trim();
      int colon = e.lastIndexOf(':');
      if (colon <= 0 || colon == e.length() - 1) {
        throw new IllegalArgumentException("a server is host:port, was '" + e + "'");
      }
      String host = e.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port;
      try {
        port = Integer.parseInt(e.substring(colon + 1));
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException("a server's port must be a number, was '" + e + "'");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("a server's port must be 1..65535, was '" + e + "'");
      }
      parsed.add(InetSocketAddress.createUnresolved(host, port));
    }
    return new ExternalServers(resolve(parsed));
  }

  private static List<InetSocketAddress> resolve(List<InetSocketAddress> unresolved) {
    List<InetSocketAddress> resolved = new ArrayList<>();
    for (InetSocketAddress a : unresolved) {
      InetSocketAddress r = new InetSocketAddress(a.getHostString(), a.getPort());
      if (r.isUnresolved()) {
        throw new IllegalArgumentException("cannot resolve server host '" + a.getHostString() + "'");
      }
      resolved.add(r);
    }
    return resolved;
  }

  @Override
  public List<InetSocketAddress> addresses() {
    return addresses;
  }

  @Override
  public OptionalLong pid() {
    return OptionalLong.empty();
  }

  @Override
  public String describe() {
    return "external " + addresses.stream().map(a -> a.getHostString() + ":" + a.getPort())
        .collect(Collectors.joining(","));
  }

  @Override
  public void close() {
    // Not ours to stop.
  }
}
