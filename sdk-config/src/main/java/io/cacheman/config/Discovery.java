package io.cacheman.config;

import java.util.Objects;

/**
 * Where a client finds its nodes when {@code cacheman.nodes} names a DNS record instead of listing
 * them: {@code dns:HOST:PORT} (every A and AAAA record of HOST is a node on PORT) or
 * {@code dns+srv:NAME} (every SRV record of NAME of the lowest priority is a node, its target on
 * its port, with its weight). The client looks the name up when it opens and again every
 * {@code cacheman.discovery.interval}, and applies a changed answer as a new node list.
 *
 * @param kind which records are looked up
 * @param name the host name ({@link Kind#DNS}) or the SRV name ({@link Kind#DNS_SRV})
 * @param port the nodes' port for {@link Kind#DNS}; 0 for {@link Kind#DNS_SRV}, whose records carry theirs
 */
public record Discovery(Kind kind, String name, int port) {
  /** The kind of DNS record that lists the nodes. */
  public enum Kind {
    /** A and AAAA records: {@code dns:HOST:PORT}. */
    DNS,
    /** SRV records: {@code dns+srv:NAME}. */
    DNS_SRV
  }

  /** Checks the parts; the syntax of {@code cacheman.nodes} is checked where it is parsed. */
  public Discovery {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name must not be empty");
    }
    if (kind == Kind.DNS ? port < 1 || port > 65535 : port != 0) {
      throw new IllegalArgumentException("port must be 1..65535 for dns: and 0 for dns+srv:, was " + port);
    }
  }

  /** {@code dns:host:port}: each address of {@code host} is a node on {@code port}. */
  public static Discovery dns(String host, int port) {
    return new Discovery(Kind.DNS, host, port);
  }

  /** {@code dns+srv:name}: each SRV record of {@code name} is a node. */
  public static Discovery srv(String name) {
    return new Discovery(Kind.DNS_SRV, name, 0);
  }

  /** As written in {@code cacheman.nodes}: {@code dns:host:port} or {@code dns+srv:name}. */
  @Override
  public String toString() {
    return kind == Kind.DNS ? "dns:" + name + ":" + port : "dns+srv:" + name;
  }
}
