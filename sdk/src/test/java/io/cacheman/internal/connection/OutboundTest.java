package io.cacheman.internal.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.internal.protocol.Command;
import io.cacheman.internal.protocol.RetrievalCommand;
import io.cacheman.internal.protocol.StorageCommand;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer's stream with large values taken by reference is byte for byte what encoding into one
 * buffer gives, in order, however the socket buffer cuts it.
 */
class OutboundTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 4096, 32 * 1024})
  void theStreamIsTheEncodedCommandsInOrderWhateverTheWriteBuffer(int writeBuffer) throws Exception {
    List<Command<?>> commands = new ArrayList<>();
    int[] sizes = {10, Outbound.BY_REFERENCE, 0, 100_000, Outbound.BY_REFERENCE - 1, 20_000, 20_000, 3};
    for (int i = 0; i < sizes.length; i++) {
      commands.add(StorageCommand.of(StorageCommand.Kind.SET, key(i), i, 0, value(sizes[i], i)));
      if (i % 3 == 0) {
        commands.add(RetrievalCommand.of(RetrievalCommand.Kind.GET, key(i)));
      }
    }
    Buffer plain = new Buffer();
    Outbound out = new Outbound();
    for (Command<?> command : commands) {
      command.encode(plain);
      command.encode(out.buffer(), out);
    }
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    ByteBuffer socket = ByteBuffer.allocateDirect(writeBuffer);
    while (!out.isEmpty()) {
      socket.clear();
      out.moveTo(socket);
      assertTrue(socket.position() > 0, "moved nothing while bytes were left");
      socket.flip();
      byte[] chunk = new byte[socket.remaining()];
      socket.get(chunk);
      sent.writeBytes(chunk);
    }
    assertArrayEquals(plain.readByteArray(), sent.toByteArray());
  }

  private static byte[] key(int i) {
    return ("key" + i).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] value(int size, int seed) {
    byte[] value = new byte[size];
    for (int i = 0; i < size; i++) {
      value[i] = (byte) (i * 31 + seed);
    }
    return value;
  }
}
