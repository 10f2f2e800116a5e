package io.cacheman;

import java.util.Collections;
import java.util.Map;

/**
 * What a multi-get found, and which keys it could not read. A key is in exactly one of three
 * places: {@link #values()} (present), {@link #failures()} (its node did not answer: timed out,
 * dropped the connection, is out of routing…) or neither (a miss: the node answered that it has
 * no value).
 *
 * <p>{@link Cache#getMulti} returns only {@link #values()}, reading failed keys as misses, which
 * suits a cache-aside caller that reloads misses anyway; a caller that must tell "not cached" from
 * "not known" asks for this result instead.
 *
 * @param values the values of the keys that are present, by key
 * @param failures each key that could not be read, with the reason its request failed
 * @param <V> the value type of the view that read it
 */
public record MultiGetResult<V>(Map<String, V> values, Map<String, CachemanException> failures) {

  /** A result over the given maps, which the result takes over and no one may change afterwards. */
  public MultiGetResult {
    values = Collections.unmodifiableMap(values);
    failures = Collections.unmodifiableMap(failures);
  }

  /** True when every key was read: each is either in {@link #values()} or a genuine miss. */
  public boolean isComplete() {
    return failures.isEmpty();
  }

  @Override
  public String toString() {
    return "MultiGetResult{" + values.size() + " values, " + failures.size() + " failed keys}";
  }
}
