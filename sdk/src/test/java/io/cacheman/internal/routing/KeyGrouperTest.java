package io.cacheman.internal.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Splitting a multi-get by node. */
class KeyGrouperTest {
  private static final Map<String, Integer> OWNER = Map.of("a", 2, "b", 0, "c", 2, "d", -1, "e", 0, "f", 2);

  @Test
  void groupsInFirstSeenOrderKeepingKeyOrderAndPositions() {
    List<KeyGrouper.Group<String>> groups = KeyGrouper.group(List.of("a", "b", "c", "d", "e", "f"), OWNER::get);
    assertEquals(3, groups.size());
    assertEquals(2, groups.get(0).node());
    assertEquals(List.of("a", "c", "f"), groups.get(0).keys());
    assertArrayEquals(new int[] {0, 2, 5}, groups.get(0).positions());
    assertEquals(0, groups.get(1).node());
    assertEquals(List.of("b", "e"), groups.get(1).keys());
    assertArrayEquals(new int[] {1, 4}, groups.get(1).positions());
    assertEquals(-1, groups.get(2).node());
    assertEquals(List.of("d"), groups.get(2).keys());
    assertArrayEquals(new int[] {3}, groups.get(2).positions());
  }

  @Test
  void oneNodeIsOneGroupAndDuplicatesStay() {
    List<KeyGrouper.Group<String>> groups = KeyGrouper.group(List.of("b", "e", "b"), OWNER::get);
    assertEquals(1, groups.size());
    assertEquals(List.of("b", "e", "b"), groups.get(0).keys());
    assertArrayEquals(new int[] {0, 1, 2}, groups.get(0).positions());
  }

  @Test
  void emptyInEmptyOut() {
    assertEquals(List.of(), KeyGrouper.group(List.<String>of(), k -> 0));
  }

  @Test
  void groupsAreReadOnly() {
    List<String> keys = KeyGrouper.group(List.of("a", "b"), OWNER::get).get(0).keys();
    assertThrows(UnsupportedOperationException.class, () -> keys.add("x"));
  }

  @Test
  void rejectsNodeIndexesBelowMinusOne() {
    assertThrows(IllegalArgumentException.class, () -> KeyGrouper.group(List.of("a"), k -> -2));
  }
}
