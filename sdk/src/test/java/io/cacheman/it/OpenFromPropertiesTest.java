package io.cacheman.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cacheman.Cache;
import io.cacheman.Cacheman;
import io.cacheman.CacheTranscodingException;
import io.cacheman.config.ConfigException;
import io.cacheman.testing.Memcached;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From a {@code cacheman.properties} file to get/set with the default transcoder. */
class OpenFromPropertiesTest {

  @Test
  void opensFromAFileAndStoresStringsBytesNumbersAndAllowedObjects(@TempDir Path dir) throws Exception {
    try (Memcached node = Memcached.launch()) {
      Path file = dir.resolve("cacheman.properties");
      Files.writeString(file, "cacheman.nodes = 127.0.0.1:" + node.port() + "\n"
          + "cacheman.operation-timeout = 500ms\n"
          + "cacheman.compression.threshold = 1k\n");
      try (Cache<Object> cache = Cacheman.open(file)) {
        cache.set("text", "hello", Duration.ofMinutes(1));
        assertEquals("hello", cache.get("text"));
        cache.set("bytes", new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) cache.get("bytes"));
        cache.set("counter", 41L);
        assertEquals(OptionalLong.of(42), cache.incr("counter", 1));
        List<String> list = new ArrayList<>(List.of("a".repeat(2000), "b")); // compressed: above 1k
        cache.set("list", list);
        assertEquals(list, cache.get("list"));
        cache.set("evil", new EvilButSerializable());
        assertThrows(CacheTranscodingException.class, () -> cache.get("evil")); // not on the allow-list
      }
    }
  }

  @Test
  void aBadFileFailsBeforeAnyClientStarts(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cacheman.properties");
    Files.writeString(file, "cacheman.nodes = 127.0.0.1:1\ncacheman.conections-per-node = 2\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Cacheman.open(file));
    assertEquals(true, e.getMessage().contains("connections-per-node"), e.getMessage());
  }

  /** A class of the test's own, which the default filter ({@code java.base} only) must refuse. */
  static final class EvilButSerializable implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
  }
}
