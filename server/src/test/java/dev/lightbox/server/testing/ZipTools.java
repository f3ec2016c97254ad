package dev.lightbox.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks an archive with the tools people open ZIPs with: Info-ZIP {@code unzip -t} and Python's
 * {@code zipfile} (each skipped, with the reason, when it is not installed).
 */
public final class ZipTools {
  /** One entry as Python's zipfile reads it from the central directory. */
  public record PyEntry(String name, long size, long crc, int compressType, int flags) {
  }

  private static final String PYTHON = """
      import sys, zipfile
      with zipfile.ZipFile(sys.argv[1]) as z:
          bad = z.testzip()
          if bad is not None:
              print("BAD\\t" + bad)
              sys.exit(3)
          with open(sys.argv[2], "w", encoding="utf-8") as out:
              for i in z.infolist():
                  out.write("%s\\t%d\\t%d\\t%d\\t%d\\n" % (i.filename, i.file_size, i.CRC, i.compress_type, i.flag_bits))
      print("OK")
      """;

  private ZipTools() {
  }

  /** Runs {@code unzip -tq} on the archive and asserts it reports no errors. */
  public static void unzipTest(Path zip) throws Exception {
    assumeTrue(onPath("unzip"), "unzip is not installed (apt-get install unzip)");
    Result r = run(List.of("unzip", "-tq", zip.toString()), zip.getParent());
    assertThat(r.exit()).as("unzip -tq: " + r.output()).isZero();
    assertThat(r.output()).contains("No errors detected");
  }

  /** Reads the archive with Python's zipfile, checking every CRC (testzip), and returns its entries. */
  public static List<PyEntry> python(Path zip) throws Exception {
    assumeTrue(onPath("python3"), "python3 is not installed");
    Path script = Files.createTempFile(zip.getParent(), "check", ".py");
    Path listing = Files.createTempFile(zip.getParent(), "listing", ".tsv");
    try {
      Files.writeString(script, PYTHON);
      Result r = run(List.of("python3", script.toString(), zip.toString(), listing.toString()), zip.getParent());
      assertThat(r.exit()).as("python zipfile: " + r.output()).isZero();
      List<PyEntry> entries = new ArrayList<>();
      for (String line : Files.readAllLines(listing, StandardCharsets.UTF_8)) {
        String[] f = line.split("\t");
        entries.add(new PyEntry(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]),
            Integer.parseInt(f[4])));
      }
      return entries;
    } finally {
      Files.deleteIfExists(script);
      Files.deleteIfExists(listing);
    }
  }

  public static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private record Result(int exit, String output) {
  }

  private static Result run(List<String> command, Path dir) throws Exception {
    Path log = Files.createTempFile(dir, "tool", ".log");
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(command.getFirst() + " did not finish in 10 minutes");
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      return new Result(p.exitValue(), out.length() > 4000 ? out.substring(0, 4000) + "..." : out);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
