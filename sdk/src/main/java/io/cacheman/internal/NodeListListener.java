package io.cacheman.internal;

import java.util.List;

/**
 * Told when a client's node list changes and when the client closes (the metrics binder adds and
 * removes per-node meters with it). Called on the thread that applied the change, in order.
 */
public interface NodeListListener {
  /** Nodes joined ({@code added}) and left ({@code removed}) the client's node list. */
  void nodesChanged(List<Node> added, List<Node> removed);

  /** The client closed; every node is gone. */
  void clientClosed();
}
