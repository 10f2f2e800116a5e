package io.cacheman;

import java.util.List;

/**
 * Hears how a client's node list changes, and when it closes: what a metrics binder needs to add
 * and remove per-node meters. Register with {@link CacheAdmin#addListener}. Called on the thread
 * that applied the change, in order; keep it quick.
 */
public interface ClientListener {

  /** Nodes joined ({@code added}) and left ({@code removed}) the client's node list. */
  default void nodesChanged(List<NodeMetrics> added, List<NodeMetrics> removed) {
  }

  /** The client closed; every node is gone. */
  default void clientClosed() {
  }
}
