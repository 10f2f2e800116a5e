package io.cacheman.reliability.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.reliability.node.NodeSpec.Program;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A node process can be frozen, thawed, killed and restarted on its port, and never outlives its test. */
class NodeProcessTest {

  private static NodeSpec spec(Program program) {
    return (program == Program.MEMCACHED ? NodeSpec.memcached() : NodeSpec.serverMinimal())
        .withMemoryMb(16).withThreads(1);
  }

  @ParameterizedTest
  @EnumSource(Program.class)
  void pauseResumeKillRestart(Program program) throws IOException {
    long pid;
    try (NodeProcess node = NodeProcess.start(spec(program))) {
      int port = node.port();
      pid = node.pid();
      assertTrue(Probe.answersVersion(port, Duration.ofSeconds(5)));

      node.pause();
      assertTrue(node.isAlive());
      assertFalse(Probe.answersVersion(port, Duration.ofMillis(300)), "a stopped node must not answer");
      node.resume();
      assertTrue(Probe.answersVersion(port, Duration.ofSeconds(5)));

      node.kill();
      assertFalse(node.isAlive());
      assertThrows(ConnectException.class, () -> new Socket(node.address().getAddress(), port).close());

      node.restart();
      assertEquals(port, node.port());
      assertTrue(node.pid() != pid);
      assertTrue(Probe.answersVersion(port, Duration.ofSeconds(5)));
      pid = node.pid();
      node.pause(); // close must also end a stopped process
    }
    long gone = pid;
    assertFalse(ProcessHandle.of(gone).map(ProcessHandle::isAlive).orElse(false), "pid " + gone + " outlived close");
  }

  @ParameterizedTest
  @EnumSource(Program.class)
  void reportsResidentMemory(Program program) {
    try (NodeProcess node = NodeProcess.start(spec(program))) {
      assertTrue(node.rssBytes() > 1 << 20);
      assertTrue(node.peakRssBytes() >= node.rssBytes() / 2);
    }
  }

  @ParameterizedTest
  @EnumSource(Program.class)
  void aNodeThatCannotStartSaysWhy(Program program) {
    NodeSpec bad = spec(program).withExtraArgs("--no-such-flag");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> NodeProcess.start(bad));
    assertTrue(e.getMessage().contains("exited with status"), e.getMessage());
  }
}
