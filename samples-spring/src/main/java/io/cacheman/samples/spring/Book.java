package io.cacheman.samples.spring;

import java.io.Serializable;

/** What the catalogue stores: cached as a serialized object, so its package is in the serialization filter. */
public record Book(String isbn, String title, String author) implements Serializable {}
