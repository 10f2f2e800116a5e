package io.cacheman.config;

import java.util.Objects;

/**
 * One cache node as configured: host, port and ketama weight.
 *
 * <p>Its {@link #id()} is {@code host:port} exactly as written in {@code cacheman.nodes} (IPv6
 * hosts keep their brackets: {@code [::1]:16180}); stats and routing name nodes by it.
 */
public final class NodeAddress {
  private final String host;
  private final int port;
  private final int weight;

  private NodeAddress(String host, int port, int weight) {
    this.host = host;
    this.port = port;
    this.weight = weight;
  }

  /** A node with weight 1. */
  public static NodeAddress of(String host, int port) {
    return of(host, port, 1);
  }

  /**
   * A node; {@code host} is a name, an IPv4 address or an IPv6 address with or without brackets.
   *
   * @throws IllegalArgumentException for an empty host, a port outside 1..65535 or a weight below 1
   */
  public static NodeAddress of(String host, int port, int weight) {
    Objects.requireNonNull(host, "host");
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (bare.isEmpty()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
    if (weight < 1) {
      throw new IllegalArgumentException("weight must be at least 1, was " + weight);
    }
    return new NodeAddress(bare, port, weight);
  }

  /** The host without IPv6 brackets, ready for {@code InetSocketAddress}. */
  public String host() {
    return host;
  }

  /** The TCP port, 1..65535. */
  public int port() {
    return port;
  }

  /** The ketama weight (1 unless configured); modulo routing ignores it. */
  public int weight() {
    return weight;
  }

  /** {@code host:port}, with brackets around an IPv6 host. */
  public String id() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeAddress
        && ((NodeAddress) o).host.equals(host)
        && ((NodeAddress) o).port == port
        && ((NodeAddress) o).weight == weight;
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, weight);
  }

  @Override
  public String toString() {
    return weight == 1 ? id() : id() + ":" + weight;
  }
}
