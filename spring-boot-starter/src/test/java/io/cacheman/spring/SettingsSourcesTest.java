package io.cacheman.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.Cache;
import io.cacheman.config.Hashing;
import io.cacheman.config.NodeAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Where the client's settings come from, and the client's end with the context. */
class SettingsSourcesTest {
  private final ThreeNodes nodes = new ThreeNodes();
  @TempDir Path dir;

  @AfterEach
  void stop() {
    nodes.close();
  }

  private static ConfigurableApplicationContext run(String... properties) {
    return new SpringApplicationBuilder(BookApp.class).web(WebApplicationType.NONE).properties(properties).run();
  }

  @SuppressWarnings("unchecked")
  private static Cache<Object> client(ConfigurableApplicationContext context) {
    return context.getBean(Cache.class);
  }

  @Test
  void aYamlListOfNodesIsOneNodeList() {
    List<NodeAddress> servers = nodes.servers.stream().map(s -> s.address()).toList();
    try (ConfigurableApplicationContext context = run("cacheman.nodes[0]=" + servers.get(0).id(),
        "cacheman.nodes[1]=" + servers.get(1).id(), "cacheman.hashing=ketama")) {
      assertEquals(servers.subList(0, 2), client(context).admin().config().nodes());
      assertEquals(Hashing.KETAMA, client(context).admin().config().hashing());
    }
  }

  @Test
  void cachemanConfigNamesASettingsFile() throws Exception {
    Path file = Files.writeString(dir.resolve("cacheman.properties"), "cacheman.nodes = " + nodes.nodes() + "\n");
    try (ConfigurableApplicationContext context = run("cacheman.config=" + file)) {
      Cache<Object> cache = client(context);
      assertEquals(3, cache.admin().config().nodes().size());
      cache.set("from-file", "yes");
      assertEquals("yes", cache.get("from-file"));
    }
  }

  @Test
  void theClientClosesWithTheContextAfterItsCallsFinish() {
    Cache<Object> cache;
    try (ConfigurableApplicationContext context = run("cacheman.nodes=" + nodes.nodes())) {
      cache = client(context);
      assertTrue(cache.admin().isOpen());
    }
    assertFalse(cache.admin().isOpen(), "the client outlived the context");
  }

  @Test
  void theStarterCanBeTurnedOff() {
    try (ConfigurableApplicationContext context = run("cacheman.spring.enabled=false")) {
      assertTrue(context.getBeansOfType(Cache.class).isEmpty());
    }
  }
}
