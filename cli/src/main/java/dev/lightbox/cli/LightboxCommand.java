package dev.lightbox.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lightbox} command: {@code serve} now; {@code migrate} and {@code doctor} join it later. */
@Command(name = "lightbox", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Self-hosted storage for AI-generated media and photo libraries.",
    subcommands = {ServeCommand.class, DoctorCommand.class, CommandLine.HelpCommand.class})
public final class LightboxCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
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
