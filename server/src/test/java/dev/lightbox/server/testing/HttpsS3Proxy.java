package dev.lightbox.server.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * S3Proxy in this JVM on two loopback ports over one bucket directory: plain HTTP for the server's own
 * requests, and HTTPS with a self-signed certificate for {@code tlsHost}, so a browser told to resolve a
 * provider's host name to the HTTPS port (and to accept the certificate) fetches presigned URLs made for
 * that provider, such as {@code https://<account>.r2.cloudflarestorage.com/bucket/key}.
 */
public final class HttpsS3Proxy implements AutoCloseable {
  private final S3Proxy proxy;
  private final Path dir;
  private final String accessKey = "AKID" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  private final String secretKey = UUID.randomUUID().toString();

  private HttpsS3Proxy(Path dir, String tlsHost, String bucket) throws Exception {
    this.dir = dir;
    Path keyStore = selfSigned(dir, tlsHost);
    Path buckets = Files.createDirectories(dir.resolve("buckets"));
    FilesystemNio2BlobStore blobs = new FilesystemNio2BlobStore(buckets.toString());
    proxy = S3Proxy.builder().blobStore(blobs)
        .endpoint(URI.create("http://127.0.0.1:0")).secureEndpoint(URI.create("https://127.0.0.1:0"))
        .keyStore(keyStore.toString(), "changeit")
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
        .ignoreUnknownHeaders(true).build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(5);
    }
    blobs.createContainer(bucket);
  }

  /** Started, with {@code bucket} made, its certificate for {@code tlsHost} kept in {@code dir}. */
  public static HttpsS3Proxy start(Path dir, String tlsHost, String bucket) throws Exception {
    return new HttpsS3Proxy(dir, tlsHost, bucket);
  }

  public URI httpEndpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  public int httpsPort() {
    return proxy.getSecurePort();
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** A PKCS#12 key store with a self-signed certificate for {@code host}, made by the JDK's keytool. */
  private static Path selfSigned(Path dir, String host) throws IOException, InterruptedException {
    Path keyStore = dir.resolve("s3proxy.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-alias", "s3proxy",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + host, "-ext", "SAN=dns:" + host,
        "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", "changeit",
        "-keypass", "changeit"));
    Process keytoolRun = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("keytool.log").toFile()).start();
    if (!keytoolRun.waitFor(2, TimeUnit.MINUTES) || keytoolRun.exitValue() != 0) {
      throw new IllegalStateException("keytool could not make a certificate for " + host + ": "
          + Files.readString(dir.resolve("keytool.log")));
    }
    return keyStore;
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }

  @Override
  public String toString() {
    return "HttpsS3Proxy[" + httpEndpoint() + ", https port " + httpsPort() + ", " + dir + "]";
  }
}
