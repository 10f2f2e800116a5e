package io.cacheman.reliability.fuzz;

import io.cacheman.server.internal.protocol.Output;
import io.cacheman.server.internal.protocol.ProtocolHandler;

/**
 * The part of a server-minimal connection the fuzz target drives: the parser and executor of one
 * connection ({@link ProtocolHandler}) and its reply queue ({@link Output}), exactly the pair the
 * node's {@code Connection} and the JMH {@code ServerProtocolBenchmark} use. An interface so
 * tests can hand the target a path that misbehaves and see that it is caught.
 */
interface CommandPath {
  /** Consumes commands from {@code buf[pos, limit)}; returns the first byte not consumed. */
  int process(byte[] buf, int pos, int limit);

  /** True once the connection must close. */
  boolean closeRequested();

  /** The connection is gone: gives back what a half-received command holds. */
  void release();

  /** The replies waiting to be written. */
  Output output();

  /** The real command path of a connection to {@code node}. */
  static CommandPath of(SmallNode node) {
    Output out = new Output();
    ProtocolHandler handler = new ProtocolHandler(node.context(), out);
    return new CommandPath() {
      @Override
      public int process(byte[] buf, int pos, int limit) {
        return handler.process(buf, pos, limit);
      }

      @Override
      public boolean closeRequested() {
        return handler.closeRequested();
      }

      @Override
      public void release() {
        handler.release();
      }

      @Override
      public Output output() {
        return out;
      }
    };
  }
}
