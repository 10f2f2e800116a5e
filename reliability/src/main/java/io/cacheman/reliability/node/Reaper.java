package io.cacheman.reliability.node;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Kills every node process still alive when the JVM exits, by PID, whatever the tests did. */
final class Reaper {
  private static final Set<NodeProcess> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(NodeProcess::killNow), "node-reaper"));
  }

  private Reaper() {}

  static void track(NodeProcess node) {
    LIVE.add(node);
  }

  static void forget(NodeProcess node) {
    LIVE.remove(node);
  }
}
