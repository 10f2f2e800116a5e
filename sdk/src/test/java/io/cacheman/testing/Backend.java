package io.cacheman.testing;

import io.cacheman.config.CachemanConfig;
import io.cacheman.config.NodeAddress;
import io.cacheman.config.Protocol;

/** A cache node the tests run against: real memcached or server-minimal. */
public interface Backend extends AutoCloseable {
  String name();

  int port();

  /** Starts (or restarts, on the same port) the node. */
  void start();

  /** Stops the node abruptly. */
  void kill();

  /** Stops the node. */
  @Override
  void close();

  default NodeAddress address() {
    return NodeAddress.of("127.0.0.1", port());
  }

  /** The client settings this node needs beyond its address (TLS, a login); none by default. */
  default CachemanConfig.Builder clientSettings(CachemanConfig.Builder config) {
    return config;
  }

  /** How to start one kind of backend; test classes are parameterised over these. */
  enum Kind {
    MEMCACHED {
      @Override
      public Backend start() {
        return Memcached.launch();
      }
    },
    SERVER_MINIMAL {
      @Override
      public Backend start() {
        return MinimalServer.launch();
      }
    },
    /** memcached, the client speaking the meta protocol to it. */
    MEMCACHED_META {
      @Override
      public Backend start() {
        return new MetaSpeaking(Memcached.launch());
      }
    },
    /** server-minimal, the client speaking the meta protocol to it (auto: found by probing with mn). */
    SERVER_MINIMAL_META {
      @Override
      public Backend start() {
        return new MetaSpeaking(MinimalServer.launch(), Protocol.AUTO);
      }
    },
    /** memcached with TLS and authentication: the client's TLS transport and login under the same tests. */
    MEMCACHED_TLS_AUTH {
      @Override
      public Backend start() {
        return SecuredNode.memcached();
      }
    },
    /** server-minimal with TLS and authentication (its -Z and -Y). */
    SERVER_MINIMAL_TLS_AUTH {
      @Override
      public Backend start() {
        return SecuredNode.serverMinimal();
      }
    };

    public abstract Backend start();
  }
}
