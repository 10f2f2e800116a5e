package io.cacheman.samples.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.samples.LocalCluster;
import io.cacheman.samples.console.ConsoleTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console started with neither --config nor --connect takes its nodes from the
 * {@code cacheman.properties} of the folder it runs in: nothing on its class path may shadow it.
 */
class ConsoleWorkingDirectoryTest {
  @TempDir Path folder;
  @TempDir Path output;

  @Test
  void nothingOnTheConsolesClassPathIsNamedCachemanProperties() {
    // The SDK reads a classpath cacheman.properties before ./cacheman.properties; the demo's used
    // to be one, so the console jar routed every key to the demo's nodes.
    assertNull(ConsoleMain.class.getClassLoader().getResource("cacheman.properties"));
  }

  @Test
  void theWorkingDirectorysSettingsNameTheNodes() throws Exception {
    try (LocalCluster node = LocalCluster.startOnFreePorts(1)) {
      String id = node.nodes().get(0).id();
      Files.writeString(folder.resolve("cacheman.properties"), "cacheman.nodes = " + id + "\n");
      Run run = ConsoleProcess.run(folder, output, "route", "a", "b");
      assertEquals(0, run.code(), run.err());
      assertEquals("a\t" + id + "\nb\t" + id + "\n", run.out());
    }
  }

  @Test
  void aBrokenSettingsFileIsReportedNotTakenForNone() throws Exception {
    Files.writeString(folder.resolve("cacheman.properties"), "cacheman.nodes = 127.0.0.1:not-a-port\n");
    Run run = ConsoleProcess.run(folder, output, "route", "a");
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("cacheman.properties line 1: cacheman.nodes"), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  @Test
  void noSettingsAnywhereIsAUsageError() throws Exception {
    Run run = ConsoleProcess.run(folder, output, "route", "a");
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("no nodes: give --config FILE"), run.err());
  }
}
