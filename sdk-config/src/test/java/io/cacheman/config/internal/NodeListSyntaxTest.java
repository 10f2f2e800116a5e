package io.cacheman.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheman.config.NodeAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code cacheman.nodes}: hosts, ports, weights, IPv6. */
class NodeListSyntaxTest {

  @Test
  void hostsPortsAndWeightsInOrder() {
    List<NodeAddress> nodes = NodeListSyntax.parse(" cache-1.example.com:16180 ,10.0.0.2:16181:3, my_host:11211 ");
    assertEquals(List.of(
        NodeAddress.of("cache-1.example.com", 16180), NodeAddress.of("10.0.0.2", 16181, 3),
        NodeAddress.of("my_host", 11211)), nodes);
  }

  @Test
  void ipv6InBracketsWithAndWithoutWeight() {
    List<NodeAddress> nodes = NodeListSyntax.parse("[::1]:16180,[fe80::1%eth0]:16181:2,[::ffff:10.0.0.1]:1");
    assertEquals("::1", nodes.get(0).host());
    assertEquals("[::1]:16180", nodes.get(0).id());
    assertEquals(1, nodes.get(0).weight());
    assertEquals("fe80::1%eth0", nodes.get(1).host());
    assertEquals(2, nodes.get(1).weight());
    assertEquals("[::ffff:10.0.0.1]:1", nodes.get(2).id());
  }

  @Test
  void formatReadsBack() {
    List<NodeAddress> nodes = List.of(NodeAddress.of("a", 1), NodeAddress.of("::1", 2, 5), NodeAddress.of("b", 3, 2));
    String written = NodeListSyntax.format(nodes);
    assertEquals("a:1,[::1]:2:5,b:3:2", written);
    assertEquals(nodes, NodeListSyntax.parse(written));
  }
}
