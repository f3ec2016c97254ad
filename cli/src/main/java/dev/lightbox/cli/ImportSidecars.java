package dev.lightbox.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sidecar side of {@code lightbox import}: the sidecar files of each image content, hashed (or recalled
 * from the state file), so the run can compare them with what the server keeps and attach only the missing or
 * changed ones.
 */
final class ImportSidecars {
  /** A sidecar file of an image, with its SHA-256. */
  record Local(Path path, String sha256) {
  }

  private ImportSidecars() {
  }

  /**
   * By image SHA-256, its sidecars by file name: those of every copy of it in the tree (the first of a name
   * wins). A sidecar that cannot be read is added to {@code failures}.
   */
  static Map<String, Map<String, Local>> hash(ImportScan scan, Map<Path, String> shaByPath, Path stateFile,
      List<ImportRun.Failure> failures, PrintStream err) {
    if (scan.sidecarCount() == 0) {
      return Map.of();
    }
    HashCache cache = HashCache.load(stateFile);
    Map<Path, String> hashed = new HashMap<>();
    Map<String, Map<String, Local>> out = new LinkedHashMap<>();
    for (ImportScan.Candidate image : scan.candidates()) {
      String imageSha = shaByPath.get(image.path());
      for (ImportScan.Candidate s : imageSha == null ? List.<ImportScan.Candidate>of() : scan.sidecarsOf(image)) {
        String sha = hashed.computeIfAbsent(s.path(), p -> {
          String known = cache.sha256(s);
          if (known != null) {
            return known;
          }
          try {
            String fresh = ImportRun.sha256(p);
            cache.remember(s, fresh);
            return fresh;
          } catch (IOException e) {
            failures.add(new ImportRun.Failure(p, "sidecar " + ImportScan.reason(e)));
            return "";
          }
        });
        if (!sha.isEmpty()) {
          out.computeIfAbsent(imageSha, k -> new LinkedHashMap<>())
              .putIfAbsent(s.path().getFileName().toString(), new Local(s.path(), sha));
        }
      }
    }
    try {
      cache.save();
    } catch (IOException e) {
      err.println("lightbox: note: could not save the import state " + stateFile + " (" + e.getMessage() + ")");
    }
    return out;
  }
}
