package io.cacheman.internal.discovery;

import io.cacheman.config.Discovery;
import io.cacheman.config.NodeAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns DNS answers into a node list.
 *
 * <p>The list is sorted (by {@code host:port}) and without duplicates: DNS servers rotate the order
 * of their answers, and modulo routing depends on the order, so every client must build the same
 * list from the same records whatever order they came in. Ketama does not depend on the order, and
 * moves only the keys of an added or removed node: use it with discovery.
 *
 * <p>SRV records: only those of the lowest priority count (the others are backups in RFC 2782, and
 * a cache ring has no use for a node that takes no keys until others die); a record's weight is the
 * node's ketama weight, at least 1; a target of {@code .} ("no service here") is skipped.
 */
public final class NodeLookup {
  private NodeLookup() {}

  /**
   * The nodes {@code discovery} names now.
   *
   * @throws IOException when the lookup fails or finds no node; the message says why, for the log
   */
  public static List<NodeAddress> lookup(Discovery discovery, Resolver resolver) throws IOException {
    Map<String, NodeAddress> byId = new TreeMap<>();
    if (discovery.kind() == Discovery.Kind.DNS) {
      for (InetAddress address : resolver.addresses(discovery.name())) {
        NodeAddress node = NodeAddress.of(address.getHostAddress(), discovery.port());
        byId.putIfAbsent(node.id(), node);
      }
    } else {
      List<SrvRecord> records = new ArrayList<>(resolver.srv(discovery.name()));
      records.removeIf(r -> r.target().isEmpty() || r.port() == 0);
      int best = records.stream().mapToInt(SrvRecord::priority).min().orElse(0);
      records.sort(Comparator.comparing(SrvRecord::target));
      for (SrvRecord r : records) {
        if (r.priority() == best) {
          NodeAddress node = NodeAddress.of(r.target(), r.port(), Math.max(1, r.weight()));
          byId.putIfAbsent(node.id(), node);
        }
      }
    }
    if (byId.isEmpty()) {
      throw new IOException("no " + (discovery.kind() == Discovery.Kind.DNS ? "address" : "SRV record")
          + " found for " + discovery.name());
    }
    return List.copyOf(byId.values());
  }
}
