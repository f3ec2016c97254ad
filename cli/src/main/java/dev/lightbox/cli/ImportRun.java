package dev.lightbox.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** One {@code lightbox import}: scan, hash (or recall), ask the server in bulk, upload what it lacks, report. */
final class ImportRun {
  /** A file that should have gone in and did not, with the reason. */
  record Failure(Path path, String reason) {
  }

  private final ImportClient client;
  private final int jobs;
  private final boolean dryRun;
  private final Path stateFile;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;
  private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
  private final Map<Path, String> shaByPath = new java.util.concurrent.ConcurrentHashMap<>();
  private Consumer<String> phase = p -> { };

  /** One image to upload (or already there) and the sidecars to attach to it. */
  private record Work(String sha256, ImportScan.Candidate image, boolean upload, String assetId,
      List<ImportSidecars.Local> sidecars) {
  }

  ImportRun(ImportClient client, int jobs, boolean dryRun, Path stateFile, PrintStream out, PrintStream err,
      boolean terminal) {
    this.client = client;
    this.jobs = jobs;
    this.dryRun = dryRun;
    this.stateFile = stateFile;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  /** Called with "scanned" and "hashed" as the run passes them (tests change the tree there). */
  ImportRun onPhase(Consumer<String> listener) {
    this.phase = listener;
    return this;
  }

  int run(List<Path> roots) throws InterruptedException {
    long started = System.nanoTime();
    ImportScan scan = ImportScan.of(roots);
    phase.accept("scanned");
    int deliberate = 0;
    for (ImportScan.Skipped s : scan.skipped()) {
      if (s.failure()) {
        failures.add(new Failure(s.path(), s.reason()));
      } else {
        deliberate++;
        out.println("skipped " + s.path() + ": " + s.reason());
      }
    }
    int sidecarFiles = scan.sidecarCount();
    out.println("Found " + Sizes.count(scan.candidates().size()) + " media files (" + Sizes.bytes(scan.candidateBytes())
        + ")" + (sidecarFiles > 0 ? " with " + Sizes.count(sidecarFiles) + " sidecars" : "") + "; "
        + Sizes.count(deliberate) + " other files skipped.");

    int failedBefore = failures.size();
    Map<String, ImportScan.Candidate> bySha = hashAll(scan.candidates());
    int sameInTree = scan.candidates().size() - bySha.size() - (failures.size() - failedBefore);
    Map<String, Map<String, ImportSidecars.Local>> sidecars = ImportSidecars.hash(scan, shaByPath, stateFile,
        failures, err);
    phase.accept("hashed");
    Set<String> present;
    Map<String, ImportClient.RemoteAsset> remote = Map.of();
    try {
      if (sidecars.isEmpty()) {
        present = client.present(bySha.keySet());
      } else {
        ImportClient.Check check = client.check(bySha.keySet());
        present = check.present();
        remote = check.assets();
        if (!check.keepsSidecars()) {
          err.println("lightbox: note: the server does not keep sidecar files (.txt, .json, .xmp); upgrade it to"
              + " send them. The images are imported without them.");
          sidecars = Map.of();
        }
      }
    } catch (ImportClient.RequestFailed e) {
      err.println("lightbox: cannot ask the server which files it has: " + e.getMessage());
      return ErrorHandler.UNAVAILABLE;
    }
    List<Work> work = new ArrayList<>();
    int sidecarsToSend = 0;
    long missingBytes = 0;
    int missingFiles = 0;
    for (Map.Entry<String, ImportScan.Candidate> e : bySha.entrySet()) {
      List<ImportSidecars.Local> local = List.copyOf(sidecars.getOrDefault(e.getKey(), Map.of()).values());
      if (!present.contains(e.getKey())) {
        work.add(new Work(e.getKey(), e.getValue(), true, null, local));
        missingBytes += e.getValue().size();
        missingFiles++;
        sidecarsToSend += local.size();
      } else if (remote.containsKey(e.getKey())) {
        ImportClient.RemoteAsset r = remote.get(e.getKey());
        List<ImportSidecars.Local> lacking = local.stream()
            .filter(l -> !l.sha256().equals(r.sidecars().get(l.path().getFileName().toString()))).toList();
        if (!lacking.isEmpty()) {
          work.add(new Work(e.getKey(), e.getValue(), false, r.id(), lacking));
          sidecarsToSend += lacking.size();
        }
      }
    }
    out.println("The server already has " + Sizes.count(present.size()) + " of them"
        + (sameInTree > 0 ? " (" + Sizes.count(sameInTree) + " more are copies of other files here)" : "")
        + "; " + Sizes.count(missingFiles) + " to upload (" + Sizes.bytes(missingBytes) + ")"
        + (sidecarsToSend > 0 ? " and " + Sizes.count(sidecarsToSend) + " sidecars to attach" : "") + ".");
    if (dryRun) {
      out.println("Dry run: would upload " + Sizes.count(missingFiles) + " files (" + Sizes.bytes(missingBytes)
          + ")" + (sidecarsToSend > 0 ? " and attach " + Sizes.count(sidecarsToSend) + " sidecars" : "")
          + ". Nothing was uploaded.");
      return report();
    }
    long[] uploaded = uploadAll(work, missingFiles, missingBytes);
    out.println("Uploaded " + Sizes.count(uploaded[0]) + " files (" + Sizes.bytes(uploaded[1]) + ") in "
        + Sizes.seconds(Duration.ofNanos(System.nanoTime() - started)) + "; " + Sizes.count(present.size())
        + " were already there, " + Sizes.count(deliberate) + " skipped, " + Sizes.count(failures.size())
        + " failed.");
    if (sidecarFiles > 0) {
      out.println("Attached " + Sizes.count(uploaded[2]) + " sidecars; the others were already there"
          + " or failed (listed below).");
    }
    return report();
  }

  private int report() {
    if (failures.isEmpty()) {
      return ImportCommand.OK;
    }
    out.println("Failed (" + Sizes.count(failures.size()) + "):");
    failures.stream().sorted((a, b) -> a.path().compareTo(b.path()))
        .forEach(f -> out.println("  " + f.path() + ": " + f.reason()));
    out.println("Run the same command again to retry them; files already sent are not sent twice.");
    return ImportCommand.SOME_FAILED;
  }

  /** SHA-256 of each file (from the state file when unchanged), one file kept per distinct content. */
  private Map<String, ImportScan.Candidate> hashAll(List<ImportScan.Candidate> candidates)
      throws InterruptedException {
    HashCache cache = HashCache.load(stateFile);
    long bytes = candidates.stream().mapToLong(ImportScan.Candidate::size).sum();
    Map<String, ImportScan.Candidate> bySha = new LinkedHashMap<>();
    int hashers = Math.min(jobs, Runtime.getRuntime().availableProcessors());
    try (ExecutorService pool = Executors.newFixedThreadPool(hashers);
        ImportProgress progress = new ImportProgress("hashing", candidates.size(), bytes, err, terminal)) {
      List<Future<String>> hashes = new ArrayList<>();
      for (ImportScan.Candidate c : candidates) {
        hashes.add(pool.submit(() -> {
          String sha = cache.sha256(c);
          if (sha == null) {
            sha = sha256(c.path());
            cache.remember(c, sha);
          }
          progress.fileDone(c.size());
          return sha;
        }));
      }
      for (int i = 0; i < candidates.size(); i++) {
        try {
          String sha = hashes.get(i).get();
          shaByPath.put(candidates.get(i).path(), sha);
          bySha.putIfAbsent(sha, candidates.get(i));
        } catch (ExecutionException e) {
          failures.add(new Failure(candidates.get(i).path(), e.getCause() instanceof IOException io
              ? ImportScan.reason(io) : String.valueOf(e.getCause())));
        }
      }
    }
    try {
      cache.save();
    } catch (IOException e) {
      err.println("lightbox: note: could not save the import state " + stateFile + " (" + e.getMessage()
          + "); the next run hashes every file again. Pass --state FILE to keep it elsewhere.");
    }
    return bySha;
  }

  /** Uploads and attaches in parallel; returns {files, bytes, sidecars} that went up. */
  private long[] uploadAll(List<Work> work, int files, long bytes) throws InterruptedException {
    long[] done = new long[3];
    try (ExecutorService pool = Executors.newFixedThreadPool(jobs);
        ImportProgress progress = new ImportProgress("uploading", files, bytes, err, terminal)) {
      List<Future<Integer>> answers = new ArrayList<>();
      for (Work w : work) {
        answers.add(pool.submit(() -> {
          String assetId = w.assetId();
          if (w.upload()) {
            ImportClient.Uploaded u = client.upload(w.image().path());
            progress.fileDone(w.image().size());
            if (!u.sha256().equals(w.sha256())) {
              throw new ImportClient.RequestFailed(0, "changed while it was imported (the server stored the new"
                  + " content; the next run checks it again)");
            }
            synchronized (done) {
              done[0]++;
              done[1] += w.image().size();
            }
            assetId = u.assetId();
          }
          int attached = 0;
          for (ImportSidecars.Local s : w.sidecars()) {
            try {
              if (assetId == null) {
                throw new ImportClient.RequestFailed(0, "the server did not say which asset the image became");
              }
              if (client.attach(assetId, s.path())) {
                attached++;
              }
            } catch (ImportClient.RequestFailed f) {
              failures.add(new Failure(s.path(), "sidecar of " + w.image().path().getFileName() + ": "
                  + f.getMessage()));
            }
          }
          return attached;
        }));
      }
      for (int i = 0; i < work.size(); i++) {
        try {
          done[2] += answers.get(i).get();
        } catch (ExecutionException e) {
          failures.add(new Failure(work.get(i).image().path(), e.getCause() instanceof ImportClient.RequestFailed f
              ? f.getMessage() : String.valueOf(e.getCause())));
        }
      }
    }
    return done;
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
