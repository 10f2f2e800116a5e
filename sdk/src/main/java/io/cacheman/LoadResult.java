package io.cacheman;

/**
 * What {@code getOrLoadResult} returned, and where it came from.
 *
 * @param value the value (null only when the loader returned null)
 * @param stale true when the value had been {@linkplain Cache#invalidate invalidated} and another
 *     caller is reloading it: served as it was so that nobody but the reloader waits
 * @param loaded true when this call ran the loader
 */
public record LoadResult<V>(V value, boolean stale, boolean loaded) {}
