package dev.lightbox.storage.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Adobe S3Mock started from its exec jar as a child process on a free loopback port, storing objects in a
 * temporary directory, with one initial bucket. S3Mock accepts any credentials. The jar comes from the
 * build: the parent pom copies {@code com.adobe.testing:s3mock:<version>:exec} into {@code target/s3mock}
 * and passes its path in the system property {@value #JAR_PROPERTY}.
 */
public final class S3MockServer implements S3TestServer {
  public static final String JAR_PROPERTY = "lightbox.s3mock.jar";
  /** The one KMS key S3Mock knows; send {@link #KMS_KEY_ID} (S3Mock refuses any other, and the ARN itself). */
  public static final String KMS_KEY_ARN = "arn:aws:kms:us-east-1:000000000000:key/lightbox-test-key";
  public static final String KMS_KEY_ID = "lightbox-test-key";
  private static final String REGION = "us-east-1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path workDir;
  private final Process process;
  private final Thread shutdownHook;
  private final S3ServerInfo info;
  private final HttpClient http = HttpClient.newHttpClient();
  private boolean closed;

  private S3MockServer(Path jar, String bucket) throws IOException, InterruptedException {
    workDir = Files.createTempDirectory("lightbox-s3mock-");
    int port = freePort();
    Path log = workDir.resolve("s3mock.log");
    Path root = Files.createDirectory(workDir.resolve("store"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-jar", jar.toString(),
        "--server.address=127.0.0.1",
        "--server.port=0",
        "--com.adobe.testing.s3mock.http-port=" + port,
        "--com.adobe.testing.s3mock.store.root=" + root,
        "--com.adobe.testing.s3mock.store.initial-buckets=" + bucket,
        "--com.adobe.testing.s3mock.store.valid-kms-keys=" + KMS_KEY_ARN,
        "--com.adobe.testing.s3mock.store.retain-files-on-exit=false",
        "--spring.main.banner-mode=off",
        "--logging.level.root=WARN"));
    process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    shutdownHook = new Thread(process::destroyForcibly, "s3mock-killer");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    info = new S3ServerInfo(URI.create("http://127.0.0.1:" + port), REGION,
        TestCredentials.accessKey(), TestCredentials.secretKey(), bucket);
    awaitReady(log);
  }

  private static S3MockServer shared;

  /**
   * One server for the whole test JVM, started on first use and stopped when the JVM exits, so test classes
   * share its start-up time. Tests keep apart by key prefix or bucket and must not close it.
   */
  public static synchronized S3MockServer shared() {
    if (shared == null) {
      shared = start("lightbox-shared");
    }
    return shared;
  }

  /** Starts a server with the bucket {@code lightbox-test}. */
  public static S3MockServer start() {
    return start("lightbox-test");
  }

  public static S3MockServer start(String bucket) {
    Path jar = jar();
    try {
      return new S3MockServer(jar, bucket);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start S3Mock from " + jar, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting S3Mock", e);
    }
  }

  /** The exec jar named by {@value #JAR_PROPERTY}; fails with what to do when it is missing. */
  public static Path jar() {
    String value = System.getProperty(JAR_PROPERTY);
    if (value == null || !Files.isRegularFile(Path.of(value))) {
      throw new IllegalStateException("S3Mock's exec jar is missing (system property " + JAR_PROPERTY + " = "
          + value + "). Run the tests through Maven, which copies it to target/s3mock, or set the property to "
          + "the path of com.adobe.testing:s3mock:<version>:exec");
    }
    return Path.of(value);
  }

  private void awaitReady(Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    HttpRequest probe = HttpRequest.newBuilder(info.endpoint().resolve("/" + info.bucket()))
        .method("HEAD", HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(2))
        .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        cleanUp();
        throw new IllegalStateException("S3Mock exited with " + process.exitValue() + " during start-up:\n"
            + tail(log));
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    cleanUp();
    throw new IllegalStateException("S3Mock did not answer within " + START_TIMEOUT + ":\n" + tail(log));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public S3ServerInfo info() {
    return info;
  }

  @Override
  public String name() {
    return "s3mock";
  }

  @Override
  public String createBucket(String name) {
    HttpRequest put = HttpRequest.newBuilder(info.endpoint().resolve("/" + name))
        .PUT(HttpRequest.BodyPublishers.noBody())
        .build();
    try {
      int status = http.send(put, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 200) {
        throw new IllegalStateException("S3Mock refused to create bucket " + name + ": HTTP " + status);
      }
      return name;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    cleanUp();
  }

  private void cleanUp() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    http.close();
    S3ProxyServer.deleteTree(workDir);
  }

  @Override
  public String toString() {
    return "S3MockServer[" + info + "]";
  }
}
