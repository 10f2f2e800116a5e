package io.cacheman.config;

/**
 * What a client does before a node that was out of routing takes traffic again, when it could not
 * remember every key it wrote elsewhere meanwhile ({@code cacheman.failover.on-return}).
 */
public enum OnReturn {
  /** Empty the returning node ({@code flush_all}): it may hold older values of any key. The default. */
  FLUSH,
  /** Keep it out until what was written elsewhere has expired (its TTL or the gutter TTL, the shorter). */
  WAIT,
  /** Take it back as it is; reads may see values older than writes made while it was out. */
  NONE
}
