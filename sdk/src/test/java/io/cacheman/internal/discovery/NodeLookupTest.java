package io.cacheman.internal.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cacheman.config.Discovery;
import io.cacheman.config.NodeAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DNS answers become one node list, the same whatever order they came in. */
class NodeLookupTest {
  /** A resolver with fixed answers. */
  private record Fixed(List<InetAddress> addresses, List<SrvRecord> srv) implements Resolver {
    @Override
    public List<InetAddress> addresses(String host) {
      return addresses;
    }

    @Override
    public List<SrvRecord> srv(String name) {
      return srv;
    }
  }

  private static InetAddress ip(String literal) throws IOException {
    return InetAddress.getByName(literal); // a literal: no lookup
  }

  @Test
  void everyAddressIsANodeOnThePortSortedAndOnce() throws IOException {
    Resolver dns = new Fixed(List.of(ip("10.0.0.3"), ip("10.0.0.1"), ip("::1"), ip("10.0.0.3")), List.of());
    assertEquals(List.of(NodeAddress.of("10.0.0.1", 16180), NodeAddress.of("10.0.0.3", 16180),
        NodeAddress.of("0:0:0:0:0:0:0:1", 16180)), NodeLookup.lookup(Discovery.dns("cache.test", 16180), dns));
  }

  @Test
  void srvRecordsOfTheLowestPriorityAreTheNodesWithTheirWeights() throws IOException {
    Resolver dns = new Fixed(List.of(), List.of(
        SrvRecord.parse("20 10 16180 backup.test."),
        SrvRecord.parse("10 60 16181 b.test."),
        SrvRecord.parse("10 0 16180 a.test."),
        SrvRecord.parse("10 5 0 .")));
    assertEquals(List.of(NodeAddress.of("a.test", 16180, 1), NodeAddress.of("b.test", 16181, 60)),
        NodeLookup.lookup(Discovery.srv("_cache._tcp.test"), dns));
  }

  @Test
  void anEmptyAnswerIsAFailedLookup() {
    IOException e = assertThrows(IOException.class,
        () -> NodeLookup.lookup(Discovery.srv("_cache._tcp.test"), new Fixed(List.of(), List.of())));
    assertEquals("no SRV record found for _cache._tcp.test", e.getMessage());
  }

  @Test
  void srvRecordTextIsChecked() {
    assertEquals(new SrvRecord(1, 2, 3, "x.test"), SrvRecord.parse(" 1 2 3 x.test. "));
    assertThrows(IllegalArgumentException.class, () -> SrvRecord.parse("1 2 x.test"));
    assertThrows(IllegalArgumentException.class, () -> SrvRecord.parse("1 2 70000 x.test"));
    assertThrows(IllegalArgumentException.class, () -> SrvRecord.parse("one 2 3 x.test"));
  }
}
