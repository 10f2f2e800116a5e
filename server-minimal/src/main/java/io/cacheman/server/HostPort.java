package io.cacheman.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Addresses as operators write them: {@code 127.0.0.1:16180}, {@code [::1]:16180}. */
final class HostPort {
  private HostPort() {}

  /** {@code host:port}, an IPv6 address in brackets and in its short form (RFC 5952). */
  static String format(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    String host = ip == null ? address.getHostString() : ip.getHostAddress();
    if (ip instanceof Inet6Address) {
      host = "[" + shortIpv6(host) + "]";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return host + ":" + address.getPort();
  }

  /** Drops leading zeros of each group and replaces the longest run of zero groups with ::. */
  static String shortIpv6(String full) {
    int scope = full.indexOf('%');
    String suffix = scope < 0 ? "" : full.substring(scope);
    String[] groups = (scope < 0 ? full : full.substring(0, scope)).split(":");
    int bestStart = -1;
    int bestLen = 1; // a single zero group stays "0"
    for (int i = 0; i < groups.length; ) {
      int j = i;
      while (j < groups.length && groups[j].matches("0+")) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < groups.length; i++) {
      if (i == bestStart) {
        sb.append(i == 0 ? "::" : ":");
        i += bestLen - 1;
        continue;
      }
      sb.append(groups[i].replaceFirst("^0+(?=.)", ""));
      if (i < groups.length - 1) {
        sb.append(':');
      }
    }
    return sb + suffix;
  }
}
