package dev.lightbox.examples;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.CountingProgress;
import dev.lightbox.storage.PresignRequest;
import dev.lightbox.storage.PresignedUrl;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.s3.S3BlobStore;
import dev.lightbox.storage.s3.S3Config;

/** The README's S3 example: upload a file with progress, then share it through a presigned URL. */
public final class S3QuickStart {
  private S3QuickStart() {
  }

  /** Reads the endpoint, bucket and keys from LIGHTBOX_S3_* environment variables. */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    run(System.getenv("LIGHTBOX_S3_ENDPOINT"), System.getenv("LIGHTBOX_S3_BUCKET"),
        System.getenv("LIGHTBOX_S3_ACCESS_KEY_ID"), System.getenv("LIGHTBOX_S3_SECRET_ACCESS_KEY"), file);
  }

  static int run(String endpoint, String bucket, String accessKey, String secretKey, Path file)
      throws IOException, InterruptedException {
    // snippet:s3-quick-start
    S3Config config = S3Config.builder()
        .endpoint(endpoint)              // null for AWS itself; path-style is on for custom endpoints
        .region("us-east-1")
        .bucket(bucket)
        .keyPrefix("lightbox/")
        .credentials(accessKey, secretKey) // or leave out to use the AWS SDK's default chain
        .build();
    try (BlobStore store = S3BlobStore.open(config)) {
      CountingProgress progress = new CountingProgress();
      BlobInfo info = store.put(BlobKey.of("models/" + file.getFileName()), file,
          PutOptions.builder().contentType("application/octet-stream").progress(progress).build());
      System.out.println("uploaded " + progress.bytes() + " bytes, sha256=" + info.sha256());

      PresignedUrl url = store.presignGet(info.key(), PresignRequest.expiringIn(Duration.ofMinutes(10))
          .withResponseContentDisposition("attachment; filename=\"" + file.getFileName() + "\""));
      System.out.println("share: " + url); // toString() redacts the signature; url.url() is the real one
      HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(url.url()).build(), HttpResponse.BodyHandlers.ofByteArray());
      System.out.println("fetched " + response.body().length + " bytes with a plain HTTP client");
      return response.statusCode();
    }
    // end-snippet
  }
}
