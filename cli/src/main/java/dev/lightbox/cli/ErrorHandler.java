package dev.lightbox.cli;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.config.ConfigException;
import dev.lightbox.storage.StorageException;
import picocli.CommandLine;

/** Prints what went wrong and what to do, without a stack trace, and picks the exit code. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  static final int CONFIG_ERROR = 78; // EX_CONFIG
  static final int UNAVAILABLE = 69; // EX_UNAVAILABLE

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    var err = cmd.getErr();
    if (e instanceof ConfigException ce) {
      err.println("lightbox: " + ce.getMessage());
      return CONFIG_ERROR;
    }
    if (e instanceof ServerException || e instanceof StorageException) {
      err.println("lightbox: " + e.getMessage());
      return UNAVAILABLE;
    }
    err.println("lightbox: unexpected error: " + e);
    e.printStackTrace(err);
    return 1;
  }
}
