package io.cacheman.testing;

import io.cacheman.Cache;
import io.cacheman.CachemanException;
import io.cacheman.config.AuthConfig;
import io.cacheman.config.NodeAddress;
import java.nio.file.Path;

/**
 * A client in a JVM of its own that logs in with the password of an environment variable (a test
 * cannot set one in its own JVM). Arguments: {@code port caFile variable}. Prints
 * {@code RESULT ok <value read back>} or {@code RESULT fail <message>}.
 */
public final class EnvLoginChild {
  private EnvLoginChild() {}

  public static void main(String[] args) {
    NodeAddress node = NodeAddress.of("127.0.0.1", Integer.parseInt(args[0]));
    try (Cache<String> cache = Clients.strings(c -> c.tls(t -> t.enabled(true).caFile(Path.of(args[1])))
        .auth(AuthConfig.passwordFromEnv(SecuredNode.USER, args[2])), node)) {
      cache.set("from-env", "logged in");
      System.out.println("RESULT ok " + cache.get("from-env"));
    } catch (CachemanException e) {
      System.out.println("RESULT fail " + e.getMessage());
    }
  }
}
