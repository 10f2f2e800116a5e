package io.cacheman.reliability.hostile;

import io.cacheman.reliability.hostile.HostileCase.Target;
import io.cacheman.reliability.node.NodeProcess;
import io.cacheman.reliability.node.NodeSpec;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hostile corpus against memcached 1.6.18: its replies are what the "mc:" lines record. */
class MemcachedReferenceTest {
  private static NodeProcess memcached;

  @BeforeAll
  static void start() {
    memcached = NodeProcess.start(NodeSpec.memcached().withMemoryMb(64));
  }

  @AfterAll
  static void stop() {
    memcached.close();
  }

  static List<HostileCase> cases() throws IOException {
    return HostileCase.load("hostile-inputs.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void memcachedAnswersAsRecorded(HostileCase c) throws IOException {
    Conversation.play(c, memcached.port(), Target.MEMCACHED, seconds -> { });
  }
}
