package io.cacheman.config.internal;

import io.cacheman.config.NodeAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code cacheman.nodes} syntax: {@code host:port[:weight]} entries separated by commas, an
 * IPv6 host in brackets ({@code [::1]:16180:2}). Blanks around entries are ignored.
 */
public final class NodeListSyntax {
  private static final String EXPECTED = "expected host:port[:weight] entries separated by commas, such as "
      + "10.0.0.1:16180,10.0.0.2:16180:2,[::1]:16180";

  private NodeListSyntax() {}

  /** The nodes in written order. */
  public static List<NodeAddress> parse(String text) {
    if (text.isBlank()) {
      throw new InvalidValueException("the node list is empty: " + EXPECTED);
    }
    List<NodeAddress> nodes = new ArrayList<>();
    for (String entry : text.split(",", -1)) {
      nodes.add(parseEntry(entry.strip()));
    }
    return nodes;
  }

  /** Entries that {@link #parse} reads back as {@code nodes}. */
  public static String format(List<NodeAddress> nodes) {
    return nodes.stream().map(NodeAddress::toString).collect(Collectors.joining(","));
  }

  private static NodeAddress parseEntry(String entry) {
    if (entry.isEmpty()) {
      throw new InvalidValueException("it has an empty entry: " + EXPECTED);
    }
    String host;
    String rest;
    if (entry.startsWith("[")) {
      int close = entry.indexOf(']');
      if (close < 0) {
        throw new InvalidValueException("entry \"" + entry + "\" opens [ without closing it: write IPv6 as [::1]:16180");
      }
      host = entry.substring(1, close);
      if (!isIpv6Literal(host)) {
        throw new InvalidValueException("entry \"" + entry + "\" has \"" + host + "\" in brackets, which is not an IPv6 address");
      }
      rest = entry.substring(close + 1);
      if (!rest.startsWith(":")) {
        throw new InvalidValueException("entry \"" + entry + "\" has no port: " + EXPECTED);
      }
      rest = rest.substring(1);
    } else {
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw new InvalidValueException("entry \"" + entry + "\" has no port: " + EXPECTED);
      }
      host = entry.substring(0, colon);
      rest = entry.substring(colon + 1);
      if (rest.indexOf(':') != rest.lastIndexOf(':')) {
        throw new InvalidValueException("entry \"" + entry + "\" looks like an IPv6 address: write it in brackets, as [::1]:16180");
      }
      if (!isHostName(host)) {
        throw new InvalidValueException("entry \"" + entry + "\" has an invalid host \"" + host
            + "\": use a host name, an IPv4 address or [IPv6]");
      }
    }
    String[] portAndWeight = rest.split(":", -1);
    if (portAndWeight.length > 2) {
      throw new InvalidValueException("entry \"" + entry + "\" has too many parts: " + EXPECTED);
    }
    int port = number(entry, "port", portAndWeight[0]);
    int weight = portAndWeight.length > 1 ? number(entry, "weight", portAndWeight[1]) : 1;
    if (port < 1 || port > 65535) {
      throw new InvalidValueException("entry \"" + entry + "\" has port " + port + ": expected 1..65535");
    }
    if (weight < 1) {
      throw new InvalidValueException("entry \"" + entry + "\" has weight " + weight + ": expected at least 1");
    }
    return NodeAddress.of(host, port, weight);
  }

  private static int number(String entry, String what, String digits) {
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidValueException("entry \"" + entry + "\" has " + what + " \"" + digits + "\": expected a whole number");
    }
    if (digits.length() > 9) {
      throw new InvalidValueException("entry \"" + entry + "\" has " + what + " " + digits + ", which is far too large");
    }
    return Integer.parseInt(digits);
  }

  /** Letters, digits, {@code -}, {@code _} and dots: DNS names and dotted IPv4 (underscores occur in real names). */
  static boolean isHostName(String host) {
    if (host.isEmpty() || host.length() > 253) {
      return false;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Hex digits, colons, dots (IPv4-mapped) and a {@code %zone}; the resolver has the last word. */
  static boolean isIpv6Literal(String host) {
    int zone = host.indexOf('%');
    String address = zone < 0 ? host : host.substring(0, zone);
    if (address.indexOf(':') < 0 || (zone >= 0 && zone == host.length() - 1)) {
      return false;
    }
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      boolean ok = Character.digit(c, 16) >= 0 || c == ':' || c == '.';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
