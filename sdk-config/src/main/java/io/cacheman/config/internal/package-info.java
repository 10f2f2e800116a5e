/**
 * How {@code cacheman.properties} is read: the line-keeping properties reader, the catalog of keys
 * and their defaults, value syntax. Not an API: may change in any release.
 */
package io.cacheman.config.internal;
