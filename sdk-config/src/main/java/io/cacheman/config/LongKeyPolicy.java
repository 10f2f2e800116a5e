package io.cacheman.config;

/** What the client does with a key longer than memcached's 250-byte limit. */
public enum LongKeyPolicy {
  /** Fail the call with an {@link IllegalArgumentException} before any I/O. */
  REJECT,
  /** Replace the key with a stable, safe digest of it (a prefix of the key plus its SHA-256). */
  HASH
}
