package io.cacheman.samples.console;

import static org.junit.jupiter.api.Assertions.fail;

import io.cacheman.samples.console.ConsoleTest.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The console in a child JVM on this test's class path (the console jar's contents), started in a
 * folder of the test's choosing: the only way to give it a working directory of its own.
 */
final class ConsoleProcess {
  private ConsoleProcess() {}

  /** Runs {@code args} in {@code workingDirectory}; output is kept in files beside it. */
  static Run run(Path workingDirectory, Path outputDirectory, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        ConsoleMain.class.getName()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(outputDirectory, "console", ".out");
    Path err = Files.createTempFile(outputDirectory, "console", ".err");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workingDirectory.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().remove("CACHEMAN_CONFIG"); // only the working directory may name the nodes
    Process process = builder.start();
    process.getOutputStream().close(); // no input: an interactive console reads end of input and exits
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("the console did not exit within 60 s: " + command);
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
