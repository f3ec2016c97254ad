package dev.lightbox.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lightbox} command: {@code serve}, {@code migrate}, {@code doctor} and {@code import}. */
@Command(name = "lightbox", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Self-hosted storage for AI-generated media and photo libraries.",
    subcommands = {ServeCommand.class, MigrateCommand.class, DoctorCommand.class, ImportCommand.class,
        WatchCommand.class, CommandLine.HelpCommand.class})
public final class LightboxCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // The S3 client's JDK HTTP transport keeps only 5 idle connections per host by default; a server
    // streaming many objects at once needs more, or most requests pay for a new connection.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", "256");
    }
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (tests call this). */
  public static int run(String... args) {
    return new CommandLine(new LightboxCommand()).setExecutionExceptionHandler(new ErrorHandler()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
