package io.cacheman.internal.pipeline;

/**
 * How one part of a fan-out ended: its value, or its failure.
 *
 * @param value the part's result; meaningful when {@code failure} is null
 * @param failure why the part failed, or null
 */
public record Outcome<R>(R value, Throwable failure) {}
