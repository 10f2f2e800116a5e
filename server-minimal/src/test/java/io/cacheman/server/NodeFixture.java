package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;

/** Starts one in-process node per test and checks, on demand, that it still serves. */
abstract class NodeFixture {
  protected CachemanServer server;

  protected CachemanServer start(ServerConfig.Builder config) {
    server = CachemanServer.start(config.port(0).threads(2).build());
    return server;
  }

  protected CachemanServer start() {
    return start(ServerConfig.builder().memoryLimitBytes(64L << 20));
  }

  /** A client of the node: over TLS, trusting the test CA, when the node serves TLS. */
  protected TextClient client() throws IOException {
    if (server.config().tls() == null) {
      return new TextClient(server.port());
    }
    try {
      return TextClient.overTls(server.port(), TlsClients.client(false), 5000);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a TLS client", e);
    }
  }

  /** A fresh connection still gets answers, and the store's books still balance. */
  protected void assertStillServing() throws IOException {
    try (TextClient c = client()) {
      assertEquals("VERSION " + "1.6.18-cacheman-" + CachemanServer.version() + "\r\n",
          c.call("version\r\n"));
      assertEquals("STORED\r\n", c.call("set still-serving 0 0 2\r\nok\r\n"));
      assertEquals("VALUE still-serving 0 2\r\nok\r\nEND\r\n",
          c.send("get still-serving\r\n").until("END\r\n"));
    }
    StoreInvariants.assertConsistent(server.store());
  }

  @AfterEach
  void stopNode() {
    if (server != null) {
      server.close();
    }
  }
}
