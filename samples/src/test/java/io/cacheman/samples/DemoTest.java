package io.cacheman.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.NodeAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Quick-start demo runs to the end and shows each step. */
class DemoTest {

  @Test
  void demoWalksThroughEveryStep() throws Exception {
    CachemanConfig shipped = Demo.clusterConfig();
    CachemanConfig onFreePorts = shipped.toBuilder().nodes(freeLoopbackNodes(3)).build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    new Demo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(onFreePorts);

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("user:1         -> value of user:1"), out);
    assertTrue(out.contains("found 3: "), out);
    assertTrue(out.contains("the slow database was called 1 time(s)"), out);
    assertTrue(out.matches("(?s).*ketama\\s+\\d+ keys moved.*"), out);
    assertTrue(out.contains("-- stopped"), out);
    assertTrue(out.contains("-- restarted"), out);
    assertTrue(out.contains("cacheman.protocol = text -> loader ran 3 time(s); 60 of 60 callers got the value"), out);
    assertTrue(out.contains("cacheman.protocol = meta -> loader ran 1 time(s); 60 of 60 callers got the value"), out);
    assertTrue(out.contains("Per-node stats"), out);
    assertTrue(out.contains("Done: cluster stopped."), out);
  }

  static List<NodeAddress> freeLoopbackNodes(int count) throws IOException {
    List<NodeAddress> nodes = new ArrayList<>();
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0);
        held.add(socket);
        nodes.add(NodeAddress.of("127.0.0.1", socket.getLocalPort()));
      }
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
    return nodes;
  }
}
