package io.cacheman.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import okio.Buffer;

/**
 * How reply bytes reach a decoder in a test: all at once, or one byte at a time (the okio
 * {@code OneByteAtATimeSource} trick: every byte boundary becomes a split point). Each way checks
 * that the decoder finishes exactly at the end of the reply and consumes nothing after it.
 */
enum Feed {
  WHOLE {
    @Override
    <R> Command<R> decode(Command<R> command, byte[] reply) throws ProtocolException {
      Buffer in = new Buffer().write(reply).write(TRAILER);
      assertTrue(command.decode(new ReplyReader(in, 1 << 20)), "decoder wants more than the whole reply");
      assertEquals(TRAILER.length, in.size(), "decoder consumed bytes after its reply");
      return command;
    }
  },
  ONE_BYTE_AT_A_TIME {
    @Override
    <R> Command<R> decode(Command<R> command, byte[] reply) throws ProtocolException {
      Buffer in = new Buffer();
      ReplyReader reader = new ReplyReader(in, 1 << 20);
      for (int i = 0; i < reply.length; i++) {
        in.writeByte(reply[i]);
        boolean done = command.decode(reader);
        if (i < reply.length - 1) {
          assertFalse(done, "decoder finished early, after byte " + i);
        } else {
          assertTrue(done, "decoder did not finish at the last byte");
        }
      }
      assertEquals(0, in.size(), "decoder left bytes of its own reply");
      return command;
    }
  },
  /**
   * As a connection hands them over ({@link ReplyReader#append}): socket reads of uneven sizes, a
   * few bytes to more than a large block, each appended a part at a time with a decode after each.
   */
  SOCKET_READS {
    @Override
    <R> Command<R> decode(Command<R> command, byte[] reply) throws ProtocolException {
      ByteBuffer stream = ByteBuffer.allocate(reply.length + TRAILER.length).put(reply).put(TRAILER).flip();
      Buffer in = new Buffer();
      assertTrue(inReads(command, new ReplyReader(in, 1 << 20), in, stream), "decoder wants more than the whole reply");
      assertEquals(TRAILER.length, in.size() + stream.remaining(), "decoder consumed bytes after its reply");
      return command;
    }
  };

  /** Socket read sizes, in turn: one byte, a split line, more than {@link ReplyReader#LOOKAHEAD}, a whole block. */
  private static final int[] READS = {1, 3, ReplyReader.LOOKAHEAD + 1, 9, 70_000};

  private static final byte[] TRAILER = "NEXT\r\n".getBytes(StandardCharsets.US_ASCII);

  /** Feeds {@code reply} and returns the command once it has decoded all of it. */
  abstract <R> Command<R> decode(Command<R> command, byte[] reply) throws ProtocolException;

  <R> Command<R> decode(Command<R> command, String reply) throws ProtocolException {
    return decode(command, reply.getBytes(StandardCharsets.UTF_8));
  }

  /** Feeds {@code reply} in full, expecting the decoder to reject it (whichever byte it notices at). */
  void reject(Command<?> command, byte[] reply) throws ProtocolException {
    Buffer in = new Buffer();
    ReplyReader reader = new ReplyReader(in, 1 << 20);
    if (this == WHOLE) {
      in.write(reply);
      command.decode(reader);
    } else if (this == SOCKET_READS) {
      inReads(command, reader, in, ByteBuffer.wrap(reply));
    } else {
      for (byte b : reply) {
        in.writeByte(b);
        command.decode(reader);
      }
    }
  }

  void reject(Command<?> command, String reply) throws ProtocolException {
    reject(command, reply.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends {@code stream} read by read until the command has its reply: true then, false at the stream's end. */
  private static boolean inReads(Command<?> command, ReplyReader reader, Buffer in, ByteBuffer stream)
      throws ProtocolException {
    for (int i = 0; stream.hasRemaining(); i++) {
      int end = stream.position() + Math.min(stream.remaining(), READS[i % READS.length]);
      ByteBuffer read = stream.slice(stream.position(), end - stream.position());
      stream.position(end);
      while (read.hasRemaining()) {
        try {
          reader.append(read);
        } catch (IOException e) {
          throw new AssertionError("an okio buffer does not throw", e);
        }
        if (command.decode(reader)) {
          stream.position(stream.position() - read.remaining()); // not appended: still the stream's
          return true;
        }
      }
    }
    return false;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String encoded(Command<?> command) {
    Buffer sink = new Buffer();
    command.encode(sink);
    return sink.readUtf8();
  }
}
