package io.cacheman.config.internal;

import io.cacheman.config.Discovery;

/**
 * The DNS forms of {@code cacheman.nodes}: {@code dns:HOST:PORT} and {@code dns+srv:NAME}. One
 * such entry is the whole node list: the records decide the nodes, so it does not mix with
 * {@code host:port} entries.
 */
public final class DiscoverySyntax {
  private static final String DNS = "dns:";
  private static final String SRV = "dns+srv:";
  private static final String EXPECTED = "expected dns:HOST:PORT (every address of HOST is a node on PORT) or "
      + "dns+srv:NAME (the SRV records of NAME), alone";

  private DiscoverySyntax() {}

  /** Whether {@code text} is meant as a DNS form (it starts with {@code dns:} or {@code dns+srv:}, any case). */
  public static boolean isDiscovery(String text) {
    String s = text.strip().toLowerCase(java.util.Locale.ROOT);
    return s.startsWith(DNS) || s.startsWith(SRV);
  }

  /** The discovery {@code text} describes; {@link #isDiscovery} must hold. */
  public static Discovery parse(String text) {
    String s = text.strip();
    if (s.indexOf(',') >= 0) {
      throw new InvalidValueException("a DNS name stands for the whole node list: " + EXPECTED);
    }
    boolean srv = s.regionMatches(true, 0, SRV, 0, SRV.length());
    String rest = s.substring(srv ? SRV.length() : DNS.length());
    if (srv) {
      requireName(rest);
      return Discovery.srv(rest);
    }
    int colon = rest.lastIndexOf(':');
    if (colon < 0) {
      throw new InvalidValueException("\"" + s + "\" has no port: " + EXPECTED);
    }
    String host = rest.substring(0, colon);
    String port = rest.substring(colon + 1);
    requireName(host);
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
        || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      throw new InvalidValueException("\"" + s + "\" has port \"" + port + "\": expected 1..65535");
    }
    return Discovery.dns(host, Integer.parseInt(port));
  }

  private static void requireName(String name) {
    if (!NodeListSyntax.isHostName(name)) {
      throw new InvalidValueException("\"" + name + "\" is not a DNS name: " + EXPECTED);
    }
  }
}
