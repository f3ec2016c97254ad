package dev.lightbox.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lightbox.storage.testkit.S3ProxyServer;
import dev.lightbox.storage.testkit.S3ServerInfo;

/** Runs the examples and checks that every Java block in the README is the code of an example. */
class ExamplesTest {
  private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();

  @Test
  void diskQuickStartRuns(@TempDir Path dir) throws IOException {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      DiskQuickStart.run(dir);
    } finally {
      System.setOut(original);
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("stored outputs/2026/cat.png sha256=")
        .contains("first bytes: not rea")
        .contains("listed outputs/2026/cat.png (16 bytes)")
        .contains("prompt: a cat in a café");
  }

  @Test
  void s3QuickStartRunsAgainstS3Proxy(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("tiny-model.safetensors"), new byte[6 * 1024 * 1024 + 5]);
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int status;
    try (S3ProxyServer server = S3ProxyServer.start()) {
      S3ServerInfo s3 = server.info();
      status = S3QuickStart.run(s3.endpoint().toString(), s3.bucket(), s3.accessKey(), s3.secretKey(), file);
    } finally {
      System.setOut(original);
    }
    assertThat(status).isEqualTo(200);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("uploaded 6291461 bytes, sha256=")
        .contains("X-Amz-Signature=REDACTED")
        .contains("fetched 6291461 bytes with a plain HTTP client");
  }

  @Test
  void readmeJavaBlocksAreCompiledExamples() throws IOException {
    String readme = Files.readString(REPO.resolve("README.md"));
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    while (m.find()) {
      blocks.add(normalize(m.group(1)));
    }
    assertThat(blocks).as("README has Java examples").isNotEmpty();
    String sources;
    try (Stream<Path> files = Files.walk(REPO.resolve("examples/src/main/java"))) {
      StringBuilder sb = new StringBuilder();
      for (Path p : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        sb.append(normalize(Files.readString(p))).append('\n');
      }
      sources = sb.toString();
    }
    for (String block : blocks) {
      assertThat(sources).as("README block must be copied from examples/src/main/java:%n%s", block).contains(block);
    }
  }

  private static String normalize(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
  }
}
