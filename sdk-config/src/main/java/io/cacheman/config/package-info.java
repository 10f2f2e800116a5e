/**
 * Client settings: the immutable {@link io.cacheman.config.CachemanConfig}, built in code or read
 * from {@code cacheman.properties} by {@link io.cacheman.config.ConfigLoader}. No networking.
 */
package io.cacheman.config;
