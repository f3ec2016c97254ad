package dev.lightbox.cli;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The lines {@code lightbox watch} writes, each with the local time (a journal adds its own, a terminal or a
 * plain log file has none): progress on standard output, problems on standard error.
 */
final class WatchLog {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private final PrintStream out;
  private final PrintStream err;

  WatchLog(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  void info(String line) {
    out.println(TIME.format(LocalDateTime.now()) + " " + line);
    out.flush();
  }

  void problem(String line) {
    err.println(TIME.format(LocalDateTime.now()) + " " + line);
    err.flush();
  }
}
