package dev.lightbox.storage.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * S3Proxy running in this JVM on a free loopback port, storing objects in a temporary directory. It
 * enforces AWS signatures (V2 or V4) with credentials made up for this instance and ignores headers it
 * does not know, as a lenient S3-compatible store would. Starts with one empty bucket.
 */
public final class S3ProxyServer implements S3TestServer {
  private static final String REGION = "us-east-1";

  private final Path dataDir;
  private final BlobStore blobStore;
  private final S3Proxy proxy;
  private final S3ServerInfo info;
  private boolean closed;

  private S3ProxyServer(String bucket) throws Exception {
    dataDir = Files.createTempDirectory("lightbox-s3proxy-");
    blobStore = new FilesystemNio2BlobStore(dataDir.toString());
    String accessKey = TestCredentials.accessKey();
    String secretKey = TestCredentials.secretKey();
    proxy = S3Proxy.builder()
        .blobStore(blobStore)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
        .ignoreUnknownHeaders(true)
        .build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(5);
    }
    URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    info = new S3ServerInfo(endpoint, REGION, accessKey, secretKey, bucket);
    createBucket(bucket);
  }

  /** Starts a server with the bucket {@code lightbox-test}. */
  public static S3ProxyServer start() {
    return start("lightbox-test");
  }

  public static S3ProxyServer start(String bucket) {
    try {
      return new S3ProxyServer(bucket);
    } catch (Exception e) {
      throw new IllegalStateException("could not start S3Proxy: " + e.getMessage(), e);
    }
  }

  @Override
  public S3ServerInfo info() {
    return info;
  }

  @Override
  public String name() {
    return "s3proxy";
  }

  @Override
  public String createBucket(String name) {
    blobStore.createContainer(name);
    return name;
  }

  /** The directory that holds the buckets, for tests that look at what reached the disk. */
  public Path dataDir() {
    return dataDir;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop S3Proxy", e);
    } finally {
      deleteTree(dataDir);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }

  @Override
  public String toString() {
    return "S3ProxyServer[" + info + "]";
  }
}
