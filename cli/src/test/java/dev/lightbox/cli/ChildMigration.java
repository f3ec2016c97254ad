package dev.lightbox.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code lightbox migrate ...} in a separate JVM (this test JVM's classpath), which a test may SIGKILL. */
final class ChildMigration implements AutoCloseable {
  private final Process process;
  private final CountDownLatch copying = new CountDownLatch(1);
  private final StringBuilder out = new StringBuilder();
  private final Thread reader;

  private ChildMigration(Process process) {
    this.process = process;
    this.reader = Thread.ofVirtual().start(this::read);
  }

  /**
   * Starts the command; {@code classArchive} is a CDS archive that the first child to exit normally writes
   * and later children load, which halves their start-up.
   */
  static ChildMigration start(List<String> args, Path errLog, Path classArchive) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        LightboxCommand.class.getName()));
    cmd.addAll(args);
    try {
      return new ChildMigration(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(errLog.toFile()))
          .start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        synchronized (out) {
          out.append(line).append('\n');
        }
        if (line.startsWith("Batch ") || line.startsWith("Resuming batch ")) {
          copying.countDown();
        }
      }
    } catch (IOException killed) {
      // the process died
    }
  }

  /** Waits until the batch is prepared and about to copy; false when the process ended first. */
  boolean awaitCopying(long millis) throws InterruptedException {
    return copying.await(millis, TimeUnit.MILLISECONDS);
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no flush, nothing. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
    reader.join();
  }

  int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      kill();
      throw new AssertionError("the migration did not finish in " + seconds + " s:\n" + output());
    }
    reader.join();
    return process.exitValue();
  }

  String output() {
    synchronized (out) {
      return out.toString();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
