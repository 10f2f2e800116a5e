package io.cacheman.server.internal.store;

/**
 * What a meta command does with the item it found, created or changed, while the item's segment
 * lock is held: reads and updates its meta state through the {@link MetaItem} view (which is
 * valid only during the call) and writes its reply line. memcached builds its meta replies the
 * same way, walking the request's flags in order with the item locked, so a {@code T} flag before
 * a {@code t} flag shows the new TTL and after it the old one.
 */
@FunctionalInterface
public interface MetaVisitor {
  /** Returns false to stop the command there (a reply error): no LRU bump, no value is read. */
  boolean visit(MetaItem item);
}
