package dev.lightbox.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** {@code lightbox watch ...} in a separate JVM (this test JVM's classpath), to signal and to kill. */
final class WatchChild implements AutoCloseable {
  private final Process process;
  private final StringBuilder out = new StringBuilder();
  private final Thread reader;

  private WatchChild(Process process) {
    this.process = process;
    this.reader = Thread.ofVirtual().start(this::read);
  }

  static WatchChild start(List<String> args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        LightboxCommand.class.getName(), "watch"));
    cmd.addAll(args);
    try {
      return new WatchChild(new ProcessBuilder(cmd).redirectErrorStream(true).start());
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
      }
    } catch (IOException killed) {
      // the process died
    }
  }

  String output() {
    synchronized (out) {
      return out.toString();
    }
  }

  /** Polls the output (every 100 ms, up to {@code deadline}) until it satisfies {@code condition}. */
  void awaitOutput(Predicate<String> condition, Duration deadline, String what) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.test(output())) {
      if (System.nanoTime() - end > 0 || !process.isAlive()) {
        throw new AssertionError("waited for " + what + (process.isAlive() ? "" : " (the watcher ended)")
            + "; output:\n" + output());
      }
      Thread.sleep(100);
    }
  }

  /** Sends SIGINT (as Ctrl+C does) and waits for the exit code. */
  int interrupt() throws Exception {
    return signal("INT");
  }

  /**
   * Sends SIGTERM (as systemd does) and waits for the exit code. Not {@code Process.destroy()}: that closes the
   * pipes at once, and the watcher's last lines would be lost.
   */
  int terminate() throws Exception {
    return signal("TERM");
  }

  private int signal(String name) throws Exception {
    int kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
    if (kill != 0) {
      throw new AssertionError("kill -" + name + " failed with " + kill);
    }
    return waitFor();
  }

  /** SIGKILL: no handler, no save, nothing. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
    reader.join();
  }

  private int waitFor() throws InterruptedException {
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      kill();
      throw new AssertionError("the watcher did not stop in 120 s:\n" + output());
    }
    reader.join();
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
