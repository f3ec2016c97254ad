package dev.lightbox.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Applies LIGHTBOX_LOG_LEVEL (validated by the config loader) to the logback loggers, once the command has
 * read its settings. Lightbox's own loggers and the root take the level; libraries that log wire data at
 * DEBUG (request and response headers, bodies, signing) never go below their floor here, so passwords, API
 * keys, cookies and signatures stay out of the log at every level ({@link RedactingLayout} masks what is
 * left). To debug one of them, point {@code -Dlogback.configurationFile} at your own configuration.
 */
final class LogSettings {
  /** Each library's most verbose level. */
  static final Map<String, Level> FLOORS = Map.of(
      "org.eclipse.jetty", Level.WARN,
      "com.zaxxer.hikari", Level.WARN,
      "org.flywaydb", Level.WARN,
      "software.amazon.awssdk", Level.INFO,
      "org.apache.http", Level.INFO,
      "org.apache.hc", Level.INFO,
      "io.netty", Level.INFO,
      "org.postgresql", Level.INFO,
      "org.jdbi", Level.INFO);

  private LogSettings() {
  }

  /** Sets {@code level} ({@code error} ... {@code trace}); does nothing when logback is not the backend. */
  static void apply(String level) {
    if (!(LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root)) {
      return;
    }
    Level wanted = Level.toLevel(level, Level.INFO);
    root.setLevel(wanted);
    ((Logger) LoggerFactory.getLogger("dev.lightbox")).setLevel(wanted);
    FLOORS.forEach((name, floor) -> ((Logger) LoggerFactory.getLogger(name))
        .setLevel(wanted.isGreaterOrEqual(floor) ? wanted : floor));
  }
}
