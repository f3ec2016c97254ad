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

  int run(List<Path> roots) throws InterruptedException {
    long started = System.nanoTime();
    ImportScan scan = ImportScan.of(roots);
    int deliberate = 0;
    for (ImportScan.Skipped s : scan.skipped()) {
      if (s.failure()) {
        failures.add(new Failure(s.path(), s.reason()));
      } else {
        deliberate++;
        out.println("skipped " + s.path() + ": " + s.reason());
      }
    }
    out.println("Found " + Sizes.count(scan.candidates().size()) + " media files (" + Sizes.bytes(scan.candidateBytes())
        + "); " + Sizes.count(deliberate) + " other files skipped.");

    int failedBefore = failures.size();
    Map<String, ImportScan.Candidate> bySha = hashAll(scan.candidates());
    int sameInTree = scan.candidates().size() - bySha.size() - (failures.size() - failedBefore);
    Set<String> present;
    try {
      present = client.present(bySha.keySet());
    } catch (ImportClient.RequestFailed e) {
      err.println("lightbox: cannot ask the server which files it has: " + e.getMessage());
      return ErrorHandler.UNAVAILABLE;
    }
    List<Map.Entry<String, ImportScan.Candidate>> missing = bySha.entrySet().stream()
        .filter(e -> !present.contains(e.getKey())).toList();
    long missingBytes = missing.stream().mapToLong(e -> e.getValue().size()).sum();
    out.println("The server already has " + Sizes.count(present.size()) + " of them"
        + (sameInTree > 0 ? " (" + Sizes.count(sameInTree) + " more are copies of other files here)" : "")
        + "; " + Sizes.count(missing.size()) + " to upload (" + Sizes.bytes(missingBytes) + ").");
    if (dryRun) {
      out.println("Dry run: would upload " + Sizes.count(missing.size()) + " files (" + Sizes.bytes(missingBytes)
          + "). Nothing was uploaded.");
      return report();
    }
    long[] uploaded = uploadAll(missing, missingBytes);
    out.println("Uploaded " + Sizes.count(uploaded[0]) + " files (" + Sizes.bytes(uploaded[1]) + ") in "
        + Sizes.seconds(Duration.ofNanos(System.nanoTime() - started)) + "; " + Sizes.count(present.size())
        + " were already there, " + Sizes.count(deliberate) + " skipped, " + Sizes.count(failures.size())
        + " failed.");
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
          bySha.putIfAbsent(hashes.get(i).get(), candidates.get(i));
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

  /** Uploads in parallel; returns {files, bytes} that went up. */
  private long[] uploadAll(List<Map.Entry<String, ImportScan.Candidate>> missing, long bytes)
      throws InterruptedException {
    long[] done = new long[2];
    try (ExecutorService pool = Executors.newFixedThreadPool(jobs);
        ImportProgress progress = new ImportProgress("uploading", missing.size(), bytes, err, terminal)) {
      List<Future<ImportClient.Uploaded>> answers = new ArrayList<>();
      for (Map.Entry<String, ImportScan.Candidate> m : missing) {
        answers.add(pool.submit(() -> {
          ImportClient.Uploaded u = client.upload(m.getValue().path());
          progress.fileDone(m.getValue().size());
          return u;
        }));
      }
      for (int i = 0; i < missing.size(); i++) {
        ImportScan.Candidate c = missing.get(i).getValue();
        try {
          ImportClient.Uploaded u = answers.get(i).get();
          if (!u.sha256().equals(missing.get(i).getKey())) {
            failures.add(new Failure(c.path(), "changed while it was imported (the server stored the new content;"
                + " the next run checks it again)"));
            continue;
          }
          done[0]++;
          done[1] += c.size();
        } catch (ExecutionException e) {
          failures.add(new Failure(c.path(), e.getCause() instanceof ImportClient.RequestFailed f ? f.getMessage()
              : String.valueOf(e.getCause())));
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
