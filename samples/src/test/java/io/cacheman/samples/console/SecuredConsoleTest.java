package io.cacheman.samples.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.server.testing.TestCertificates;
import io.cacheman.testing.SecuredNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console against memcached with TLS and authentication: the options a user types to reach it. */
class SecuredConsoleTest {
  private record Run(int code, String out, String err) {}

  private static Run console(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ConsoleMain.run(args, new ByteArrayInputStream(new byte[0]), out, err, null);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void tlsAndLoginOptionsReachASecuredNode(@TempDir Path dir) throws IOException {
    try (SecuredNode node = SecuredNode.memcached()) {
      Path password = Files.writeString(dir.resolve("password"), node.password() + "\n");
      List<String> secured = List.of("--connect", node.address().id(), "--tls-ca-file",
          TestCertificates.shared().caFile().toString(), "--user", SecuredNode.USER, "--password-file",
          password.toString());
      Run set = console(with(secured, "set", "greeting", "hello"));
      assertEquals(0, set.code(), set.err());
      Run get = console(with(secured, "get", "greeting"));
      assertEquals(0, get.code(), get.err());
      assertTrue(get.out().contains("hello"), get.out());

      Run noLogin = console("--connect", node.address().id(), "--tls-ca-file",
          TestCertificates.shared().caFile().toString(), "get", "greeting");
      assertEquals(1, noLogin.code());
      assertTrue(noLogin.err().contains("the node wants authentication"), noLogin.err());
      assertEquals(1, noLogin.err().lines().count(), noLogin.err());
      assertFalse(noLogin.err().contains(node.password()) || set.err().contains(node.password()));
    }
  }

  private static String[] with(List<String> options, String... command) {
    List<String> args = new ArrayList<>(options);
    args.addAll(List.of(command));
    return args.toArray(String[]::new);
  }
}
