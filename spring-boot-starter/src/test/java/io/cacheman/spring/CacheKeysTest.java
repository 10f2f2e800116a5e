package io.cacheman.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.cache.interceptor.SimpleKey;

/** Spring keys become valid memcached keys, one to one. */
class CacheKeysTest {
  private final CacheKeys keys = new CacheKeys("app:");

  @Test
  void aPlainKeyStaysReadable() {
    assertEquals("app:books:7:42", keys.entry("books", 7, 42L));
    assertEquals("app:books:generation", keys.generation("books"));
  }

  @Test
  void blanksControlCharactersLengthAndColonsInTheNameAreHashed() {
    for (String hashed : List.of(keys.entry("books", 7, "two words"), keys.entry("books", 7, "x".repeat(300)),
        keys.entry("my:books", 7, "k"), keys.entry("books", 7, new SimpleKey("a", 1)), keys.entry("books", 7, "t\u0001"))) {
      assertTrue(hashed.matches("app:#[0-9a-f]{64}"), hashed);
    }
    assertTrue(keys.generation("my books").matches("app:#generation:[0-9a-f]{64}"));
  }

  @Test
  void keysThatLookAlikeStayApart() {
    Set<String> distinct = Set.of(keys.entry("a", 1, "2:x"), keys.entry("a", 12, "x"), keys.entry("a:1", 2, "x"),
        keys.entry("books", 1, "k"), keys.entry("books", 2, "k"), keys.generation("books"));
    assertEquals(6, distinct.size(), distinct.toString());
    assertNotEquals(keys.entry("books", 1, "generation"), keys.generation("books"));
  }
}
