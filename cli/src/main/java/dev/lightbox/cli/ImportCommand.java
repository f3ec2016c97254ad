package dev.lightbox.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lightbox import PATH...}: sends folders of media to a running server, each file once. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Upload every supported image and video under the given files and folders to a running server.",
        "Files are hashed here and the server is asked in bulk which it already has, so a second run uploads",
        "nothing; unchanged files are not read again (see --state). Sidecars next to an image (name.txt A1111",
        "parameters, name.json, name.xmp or name.png.xmp) are kept with it; a sidecar added or changed later is",
        "attached by the next run. Other files are listed as skipped, with why."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file is on the server or was deliberately skipped",
        "1:some files failed (listed with the reason); run the same command again to retry them",
        "2:invalid usage", "69:the server could not be reached or refused the check",
        "78:no server URL or API key given", "130:interrupted; run again to continue"})
final class ImportCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int SOME_FAILED = 1;
  static final int INTERRUPTED = 130;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files and folders (walked recursively).")
  List<Path> paths;

  @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:LIGHTBOX_SERVER}",
      description = "The server, such as http://nas:2283 (default: LIGHTBOX_SERVER).")
  String server;

  @Option(names = "--key", paramLabel = "KEY", defaultValue = "${env:LIGHTBOX_API_KEY}",
      description = "An API key of the user the files go to (default: LIGHTBOX_API_KEY).")
  String key;

  @Option(names = "--dry-run", description = "Only print how many files and bytes would be uploaded.")
  boolean dryRun;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "4",
      description = "Files hashed and uploaded at once (default ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--state", paramLabel = "FILE",
      description = "Where the path/size/time -> SHA-256 state is kept (default ~/.cache/lightbox/import-state.tsv).")
  Path state;

  @Option(names = "--attempts", paramLabel = "N", defaultValue = "6", hidden = true,
      description = "Tries per request on 503, 429 and network errors.")
  int attempts;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (server == null || server.isBlank() || key == null || key.isBlank()) {
      System.err.println("lightbox: import needs the server URL and an API key: pass --server URL --key KEY or set"
          + " LIGHTBOX_SERVER and LIGHTBOX_API_KEY (create a key in the web gallery or with POST /api/keys)");
      return ErrorHandler.CONFIG_ERROR;
    }
    if (jobs < 1 || jobs > 256) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be from 1 to 256");
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
    ImportClient client = new ImportClient(base, key, Math.max(1, attempts));
    Path stateFile = state != null ? state : HashCache.defaultFile();
    try {
      return new ImportRun(client, jobs, dryRun, stateFile, System.out, System.err, ProgressBar.isTerminal())
          .run(paths);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.err.println("lightbox: import interrupted; run the same command again to continue");
      return INTERRUPTED;
    }
  }
}
