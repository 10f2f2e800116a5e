package io.cacheman.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheman.bench.server.CannedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The canned server answers the memcached text protocol with fixed, correctly framed replies. */
class CannedServerTest {
  private CannedServer server;
  private Socket socket;

  @BeforeEach
  void start() throws IOException {
    server = CannedServer.start(1, 5);
    socket = new Socket();
    socket.connect(server.addresses().get(0), 2000);
    socket.setSoTimeout(5000);
  }

  @AfterEach
  void stop() throws IOException {
    socket.close();
    server.close();
  }

  @Test
  void everyGetHitsWithTheCannedValueUnderTheAskedKey() throws IOException {
    send("get alpha beta\r\n");
    assertEquals("VALUE alpha 0 5\r\nabcde\r\nVALUE beta 0 5\r\nabcde\r\nEND\r\n",
        read("VALUE alpha 0 5\r\nabcde\r\nVALUE beta 0 5\r\nabcde\r\nEND\r\n".length()));
    send("gets k\r\n");
    assertEquals("VALUE k 0 5 1\r\nabcde\r\nEND\r\n", read("VALUE k 0 5 1\r\nabcde\r\nEND\r\n".length()));
  }

  @Test
  void aSetIsStoredEvenWhenItsDataArrivesByteByByte() throws IOException {
    String command = "set key 0 0 12\r\nhello\r\nworld\r\nversion\r\n";
    for (byte b : command.getBytes(StandardCharsets.US_ASCII)) {
      socket.getOutputStream().write(b);
      socket.getOutputStream().flush();
    }
    String expected = "STORED\r\nVERSION 1.6.18-canned\r\n";
    assertEquals(expected, read(expected.length()), "the data block, CRLF inside it included, is skipped whole");
  }

  @Test
  void pipelinedCommandsAreAnsweredInOrderAndNoreplyIsSilent() throws IOException {
    send("set a 0 0 1 noreply\r\nx\r\ndelete a\r\nincr n 1\r\ntouch a 10\r\nflush_all\r\nbogus\r\nstats\r\n");
    String expected = "DELETED\r\n1\r\nTOUCHED\r\nOK\r\nERROR\r\nEND\r\n";
    assertEquals(expected, read(expected.length()));
  }

  @Test
  void aStoreWithoutALengthIsAClientErrorAndClosesTheConnection() throws IOException {
    send("set a 0 0 lots\r\n");
    String expected = "CLIENT_ERROR bad command line format\r\n";
    assertEquals(expected, read(expected.length()));
    assertEquals(-1, socket.getInputStream().read(), "the stream cannot be resynchronised, so it is closed");
  }

  private void send(String s) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(s.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private String read(int length) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (b.size() < length) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      b.write(c);
    }
    return b.toString(StandardCharsets.US_ASCII);
  }
}
