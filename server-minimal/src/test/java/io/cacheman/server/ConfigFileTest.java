package io.cacheman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --config FILE} through the real command line entry ({@link ServerMain#execute}): keys
 * mirror the long flags, flags override the file, and every bad entry is one line naming the
 * file, line, key and value, with exit status 2.
 */
class ConfigFileTest {
  @TempDir
  Path dir;

  @Test
  void fileSetsEveryKeyAndFlagsOverrideIt() throws Exception {
    Path file = write("# a node\n\nport = 12345\nlisten=0.0.0.0\nmemory-limit: 64\n"
        + "max-connections = 10\nthreads = 3\nmax-item-size = 2m\neviction = LFU\n"
        + "log-level = warn\n");
    ServerConfig fromFile = ServerMain.resolve("--config", file.toString());
    assertEquals(12345, fromFile.port());
    assertEquals("0.0.0.0", fromFile.listenAddress());
    assertEquals(64L << 20, fromFile.memoryLimitBytes());
    assertEquals(10, fromFile.maxConnections());
    assertEquals(3, fromFile.threads());
    assertEquals(2 << 20, fromFile.maxItemSize());
    assertEquals(Eviction.LFU, fromFile.eviction());

    ServerConfig overridden = ServerMain.resolve("-p", "2000", "--config=" + file, "-m", "32");
    assertEquals(2000, overridden.port());
    assertEquals(32L << 20, overridden.memoryLimitBytes());
    assertEquals(3, overridden.threads(), "keys without a flag still come from the file");
  }

  @Test
  void aFlagCanMaskABadEntryAndAnEntryCanMakeAFlagValid() throws Exception {
    Path file = write("port = 70000\nmemory-limit = 200\n");
    assertEquals(1, ServerMain.resolve("--config", file.toString(), "-p", "1").port());
    // -I 80m alone exceeds half the default 100 MB; the file's 200 MB allows it
    assertEquals(80 << 20,
        ServerMain.resolve("--config", file.toString(), "-p", "1", "-I", "80m").maxItemSize());
  }

  @Test
  void badValuesNameFileLineKeyAndValue() throws Exception {
    assertError("port = abc\n", "line 1: port = abc: ", "'abc' is not an int");
    assertError("# ok\nport = 70000\n", "line 2: port = 70000: ",
        "port must be between 0 and 65535");
    assertError("eviction = fifo\n", "line 1: eviction = fifo: ", "fifo");
    assertError("max-item-size = 2q\n", "line 1: max-item-size = 2q: ", "is not a size");
    assertError("threads = 0\n", "line 1: threads = 0: ", "threads must be between 1");
    assertError("log-level = loud\n", "line 1: log-level = loud: ", "loud");
    assertError("memory-limit = 4\nmax-item-size = 4m\n", "line 2: max-item-size = 4m: ",
        "more than half of -m 4: lower -I to 2m or less, or raise -m to 8 or more");
  }

  @Test
  void unknownKeysSuggestTheNearestValidOne() throws Exception {
    assertError("memory_limit = 64\n", "line 1: unknown key 'memory_limit' (value '64')",
        "did you mean 'memory-limit'?");
    assertError("\n\nmaxconnections = 5\n", "line 3: unknown key 'maxconnections'",
        "did you mean 'max-connections'?");
    assertError("evict = lru\n", "line 1: unknown key 'evict'", "did you mean 'eviction'?");
  }

  @Test
  void malformedLinesDuplicatesAndMissingFilesAreOneLineErrors() throws Exception {
    assertError("port 16180\n", "line 1: 'port 16180' is not of the form key = value", "");
    assertError("port = 1\nport = 2\n", "line 2: key 'port' (value '2') was already set on "
        + "line 1", "");
    Path missing = dir.resolve("nope.properties");
    StringWriter err = new StringWriter();
    int status = ServerMain.execute(new String[] {"--config", missing.toString()},
        new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertEquals(2, status);
    assertEquals("cacheman-server: config file " + missing + " does not exist",
        err.toString().trim());
  }

  @Test
  void badFlagsNextToAGoodFileKeepTheirUsualMessage() throws Exception {
    Path file = write("port = 1\n");
    StringWriter err = new StringWriter();
    int status = ServerMain.execute(new String[] {"--config", file.toString(), "--bogus"},
        new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertEquals(2, status);
    assertEquals("cacheman-server: Unknown option: '--bogus' (try --help)", err.toString().trim());
  }

  private void assertError(String content, String expected, String reason) throws IOException {
    Path file = write(content);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = ServerMain.execute(new String[] {"--config", file.toString()},
        new PrintWriter(out), new PrintWriter(err));
    String message = err.toString();
    assertEquals(2, status, message);
    assertEquals("", out.toString());
    assertEquals(1, message.lines().count(), message);
    assertTrue(message.startsWith("cacheman-server: " + file + " " + expected), message);
    assertTrue(message.contains(reason), message);
  }

  private Path write(String content) throws IOException {
    Path file = Files.createTempFile(dir, "server", ".properties");
    Files.writeString(file, content);
    return file;
  }
}
