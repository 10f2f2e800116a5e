package io.cacheman.internal.connection;

/** What a {@link NodeConnection} tells its pool; called on the connection's I/O thread. */
interface ConnectionListener {

  /** The connection is registered and may carry requests. */
  void onOpen(NodeConnection connection);

  /** The connection delivered its first reply: the node really speaks the protocol. */
  void onFirstReply(NodeConnection connection);

  /** Its oldest request went past its deadline with no reply: new requests should go elsewhere. */
  void onStall(NodeConnection connection);

  /** The connection closed and failed everything pending on it. */
  void onClosed(NodeConnection connection, CloseReason reason);

  /** Closing the socket itself failed; informational. */
  void onCloseError(NodeConnection connection, Exception error);
}
