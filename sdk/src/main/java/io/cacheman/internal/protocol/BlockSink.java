package io.cacheman.internal.protocol;

/**
 * Where a command puts a data block (a storage command's value): after the bytes it has written to
 * its sink so far, in the same stream. The connection's writer takes a large block by reference and
 * copies it once, straight into the socket's buffer, rather than into okio segments first; a plain
 * buffer, {@code sink::write}, copies it in.
 */
@FunctionalInterface
public interface BlockSink {
  /** Appends {@code block} to the stream; the array must not change until its bytes have been sent. */
  void write(byte[] block);
}
