package dev.lightbox.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lightbox watch DIR...}: keeps sending the files generators write to a running server. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = {"Keep uploading new images and videos from folders to a running server.",
        "Every subfolder is watched, new ones too: ComfyUI's output/, InvokeAI's",
        "outputs/images, A1111's outputs/txt2img-images/<date>. A file goes up once",
        "it stopped changing for the settle period and no program has it open for",
        "writing; temporary names (*.tmp, *.part, dotfiles) wait until renamed.",
        "While the server is down, files wait in a queue in the state folder; a",
        "restart continues where it stopped and sends nothing twice. Nothing is",
        "deleted unless --delete-after-upload is given."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped by SIGTERM; with --once: every file there is on the server",
        "1:with --once: some files failed or could not be read, or a folder does not exist (each is logged)", "2:invalid usage",
        "69:the server refused the key or lacks the check endpoint; with --once also: the server could not be"
            + " reached (the files stay queued for the next run)",
        "75:another lightbox watch uses the same --state folder", "78:no server URL or API key given",
        "130:stopped by SIGINT (Ctrl+C)"})
final class WatchCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "DIR", description = "Folders to watch (recursively).")
  List<Path> dirs;

  @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:LIGHTBOX_SERVER}",
      description = "The server, such as http://nas:2283 (default: LIGHTBOX_SERVER).")
  String server;

  @Option(names = "--key", paramLabel = "KEY", defaultValue = "${env:LIGHTBOX_API_KEY}",
      description = "An API key of the user the files go to (default: LIGHTBOX_API_KEY).")
  String key;

  @Option(names = "--state", paramLabel = "DIR",
      description = "The folder for the queue and the list of confirmed files (default"
          + " $XDG_STATE_HOME/lightbox/watch or ~/.local/state/lightbox/watch).")
  Path state;

  @Option(names = "--settle", paramLabel = "TIME", defaultValue = "2s", converter = DurationConverter.class,
      description = "How long a file must keep its size and time before it goes up (default ${DEFAULT-VALUE}).")
  Duration settle;

  @Option(names = "--rescan", paramLabel = "TIME", defaultValue = "60s", converter = DurationConverter.class,
      description = "How often the folders are walked again for files the change events missed"
          + " (default ${DEFAULT-VALUE}).")
  Duration rescan;

  @Option(names = "--max-retry-delay", paramLabel = "TIME", defaultValue = "60s",
      converter = DurationConverter.class,
      description = "Longest wait between tries while the server is unreachable; the wait doubles from 1s"
          + " (default ${DEFAULT-VALUE}).")
  Duration maxRetryDelay;

  @Option(names = "--status-every", paramLabel = "TIME", defaultValue = "10m", converter = DurationConverter.class,
      description = "How often a status line is logged (default ${DEFAULT-VALUE}).")
  Duration statusEvery;

  @Option(names = "--once", description = "Upload what is there and what is queued, then exit (for cron and tests).")
  boolean once;

  @Option(names = "--delete-after-upload",
      description = "Delete each file from the folder once the server confirmed its SHA-256 (and it did not change).")
  boolean deleteAfterUpload;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (server == null || server.isBlank() || key == null || key.isBlank()) {
      System.err.println("lightbox: watch needs the server URL and an API key: pass --server URL --key KEY or set"
          + " LIGHTBOX_SERVER and LIGHTBOX_API_KEY (create a key in the web gallery or with POST /api/keys)");
      return ErrorHandler.CONFIG_ERROR;
    }
    for (Duration d : List.of(settle, rescan, maxRetryDelay, statusEvery)) {
      if (d.isNegative() || (d != settle && d.isZero())) {
        throw new CommandLine.ParameterException(spec.commandLine(), "durations must be positive, such as 2s or 5m");
      }
    }
    URI base;
    try {
      base = URI.create(server.endsWith("/") ? server : server + "/");
      if (base.getScheme() == null || !base.getScheme().startsWith("http") || base.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--server '" + server
          + "' is not a URL such as http://localhost:2283");
    }
    ImportClient client = new ImportClient(base, key, once ? 3 : 2);
    Path stateDir = (state != null ? state : defaultState()).toAbsolutePath().normalize();
    Watcher.Options options = new Watcher.Options(dirs, stateDir, settle, rescan, maxRetryDelay, statusEvery, once,
        deleteAfterUpload);
    try (WatchSignals signals = WatchSignals.install(Thread.currentThread())) {
      int code = new Watcher(options, client, new WatchLog(System.out, System.err)).run(signals::stopRequested);
      return signals.interrupted() && code == Watcher.OK ? ImportCommand.INTERRUPTED : code;
    } catch (UncheckedIOException e) {
      System.err.println("lightbox: " + e.getMessage());
      return ErrorHandler.CONFIG_ERROR;
    }
  }

  /** {@code $XDG_STATE_HOME/lightbox/watch}, else {@code ~/.local/state/lightbox/watch}. */
  static Path defaultState() {
    String xdg = System.getenv("XDG_STATE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".local", "state");
    return base.resolve("lightbox").resolve("watch");
  }

  /** {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, or a plain number of seconds. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      try {
        if (v.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
        }
        long unit = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
          case 's' -> 1_000;
          case 'm' -> 60_000;
          case 'h' -> 3_600_000;
          default -> 0;
        };
        String number = unit == 0 ? v : v.substring(0, v.length() - 1).trim();
        return Duration.ofMillis((long) (Double.parseDouble(number) * (unit == 0 ? 1_000 : unit)));
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 500ms, 2s, 5m or 1h");
      }
    }
  }
}
