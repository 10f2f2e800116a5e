package io.cacheman.server.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code me} reports memcached's slab class for an item's memcached size. */
class MetaDebugTest {

  @Test
  void classesAreMemcachedsDefaults() {
    // chunk sizes of memcached 1.6 -n 48 -f 1.25 (stats slabs): 96, 120, 152, ... 524288
    assertEquals(1, MetaDebug.memcachedClass(64));
    assertEquals(1, MetaDebug.memcachedClass(96));
    assertEquals(2, MetaDebug.memcachedClass(97));
    assertEquals(2, MetaDebug.memcachedClass(120));
    assertEquals(3, MetaDebug.memcachedClass(121));
    assertEquals(39, MetaDebug.memcachedClass(524288));
    assertEquals(39, MetaDebug.memcachedClass(1_048_576), "chunked items say the largest");
  }
}
