package io.cacheman.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.reliability.node.NodeProcess;
import io.cacheman.reliability.node.NodeSpec;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The fuzz driver itself, against the reference: memcached survives the seeded sample. */
class FuzzDriverMemcachedTest {

  @Test
  void memcachedSurvivesTheSeededSample() throws IOException {
    try (NodeProcess memcached = NodeProcess.start(NodeSpec.memcached().withMemoryMb(64))) {
      FuzzDriver.Result r = new FuzzDriver(memcached.port(), 200, 2_000).run(1, 5_000);
      assertEquals(5_000, r.inputs());
      assertTrue(memcached.isAlive());
      System.out.println("memcached fuzz: " + r + String.format(" %.0f inputs/s", r.rate()));
    }
  }
}
