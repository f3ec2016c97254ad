package dev.lightbox.cli;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** The log line as the pattern makes it (message, arguments, stack trace), secrets masked ({@link Redactor}). */
public final class RedactingLayout extends PatternLayout {
  @Override
  public String doLayout(ILoggingEvent event) {
    return Redactor.redact(super.doLayout(event));
  }
}
