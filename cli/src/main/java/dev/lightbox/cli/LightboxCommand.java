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
    // picocli builds the model of every subcommand (reflection, annotation proxies) before it parses; for
    // `lightbox import ...`, a short command often run again and again, only the import's model is built.
    CommandLine cmd = args.length > 0 && "import".equals(args[0])
        ? new CommandLine(new ImportOnly()).addSubcommand(new ImportCommand())
        : new CommandLine(new LightboxCommand());
    return cmd.setExecutionExceptionHandler(new ErrorHandler()).execute(args);
  }

  /** The root for {@code lightbox import ...}: the same name, with the import as its only subcommand. */
  @Command(name = "lightbox", mixinStandardHelpOptions = true, versionProvider = Version.class)
  static final class ImportOnly implements Runnable {
    @Override
    public void run() {
      // not reached: the first argument is always "import"
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
