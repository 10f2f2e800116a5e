package io.cacheman.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  };

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

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String encoded(Command<?> command) {
    Buffer sink = new Buffer();
    command.encode(sink);
    return sink.readUtf8();
  }
}
