package io.cacheman.internal.connection;

import io.cacheman.config.Protocol;
import java.time.Duration;

/** Connections that never connect (nothing dials them): the state of one still opening, for tests. */
final class OpeningConnections {
  private OpeningConnections() {
  }

  /** A connection on {@code loop} with 16 in-flight slots whose events nobody listens to. */
  static NodeConnection on(EventLoop loop) {
    return new NodeConnection("127.0.0.1:1", loop, new ConnectionPool.Settings(1, 16, Duration.ofSeconds(1),
        Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(1), 1 << 20, null, Security.NONE, Protocol.TEXT),
        true, new Ignored(), new InFlightRoom(loop));
  }

  private static final class Ignored implements ConnectionListener {
    @Override public void onOpen(NodeConnection connection) { }
    @Override public void onFirstReply(NodeConnection connection) { }
    @Override public void onStall(NodeConnection connection) { }
    @Override public void onClosed(NodeConnection connection, CloseReason reason) { }
    @Override public void onCloseError(NodeConnection connection, Exception error) { }
  }
}
