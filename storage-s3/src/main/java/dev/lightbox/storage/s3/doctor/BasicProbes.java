package dev.lightbox.storage.s3.doctor;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.DeleteManyResult;
import dev.lightbox.storage.ListPage;
import dev.lightbox.storage.ListRequest;
import dev.lightbox.storage.PresignRequest;
import dev.lightbox.storage.PresignedUrl;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.internal.Sha256;
import dev.lightbox.storage.s3.S3Config;

/** The probes every serve mode relies on: access, objects, ranges, multipart, presigned URLs, deletes. */
final class BasicProbes {
  private static final BlobKey PROBE = BlobKey.of("probe.bin");
  private final ProbeContext ctx;
  private final byte[] small;

  BasicProbes(ProbeContext ctx) {
    this.ctx = ctx;
    this.small = ctx.data(4096);
  }

  ProbeResult auth() {
    try {
      ctx.raw.headBucket(b -> b.bucket(ctx.bucket()));
      return ProbeResult.works(Feature.AUTH, true, "the bucket answered with these credentials" + regionNote());
    } catch (RuntimeException headRefused) {
      StorageException e = ctx.error(headRefused, "HeadBucket");
      try {
        // Keys scoped to a prefix may be refused HeadBucket but allowed to list their prefix.
        ctx.raw.listObjectsV2(b -> b.bucket(ctx.bucket()).prefix(ctx.prefix).maxKeys(1));
        return ProbeResult.works(Feature.AUTH, true, "listing works (HeadBucket refused: " + e.kind() + ")"
            + regionNote());
      } catch (RuntimeException listRefused) {
        return ProbeResult.fails(Feature.AUTH, true, ProbeContext.reason(e), fixFor(e));
      }
    }
  }

  private String regionNote() {
    String configured = ctx.options.config().region();
    return ctx.region().equals(configured) ? ""
        : "; the bucket is in region '" + ctx.region() + "', not '" + configured + "' (followed the redirect)";
  }

  private String fixFor(StorageException e) {
    return switch (e.kind()) {
      case ACCESS_DENIED -> "check the access key and secret (" + ctx.config.credentialsSource() + "), the key's "
          + "permissions on the bucket, and the region";
      case NOT_FOUND -> "create bucket '" + ctx.bucket() + "' or fix LIGHTBOX_S3_BUCKET";
      case UNAVAILABLE, TIMEOUT -> "check LIGHTBOX_S3_ENDPOINT (" + (ctx.config.endpoint() == null ? "AWS"
          : ctx.config.endpoint()) + ") and the network";
      default -> "see the error; check the endpoint, region and preset";
    };
  }

  ProbeResult putGet() {
    try {
      BlobInfo put = ctx.store.put(PROBE, new ByteArrayInputStream(small), small.length, PutOptions.builder()
          .contentType("application/x-lightbox-probe").metadata("probe", "ça marche ✓").build());
      BlobInfo head = ctx.store.head(PROBE);
      byte[] back = read(ctx.store.get(PROBE));
      if (!Arrays.equals(back, small)) {
        return ProbeResult.fails(Feature.PUT_GET, true, "the store returned other bytes than were put",
            "the store or a proxy in between alters objects; check the endpoint");
      }
      if (!put.sha256().equals(head.sha256()) || !"ça marche ✓".equals(head.userMetadata().get("probe"))) {
        return ProbeResult.fails(Feature.PUT_GET, true, "metadata did not survive (SHA-256 or a Unicode value)",
            "the store drops or rewrites x-amz-meta-* headers; try preset custom");
      }
      return ProbeResult.works(Feature.PUT_GET, true, "4 KiB with metadata and SHA-256 round-tripped");
    } catch (Exception e) {
      return ProbeResult.fails(Feature.PUT_GET, true, ProbeContext.reason(e), "check write permission (s3:PutObject, "
          + "s3:GetObject) for the prefix; for read-only credentials the server cannot store uploads");
    }
  }

  ProbeResult list() {
    try {
      ListPage page = ctx.store.list(ListRequest.of(""));
      boolean seen = page.objects().stream().anyMatch(o -> o.key().equals(PROBE));
      return seen ? ProbeResult.works(Feature.LIST, true, "ListObjectsV2 sees new objects")
          : ProbeResult.fails(Feature.LIST, true, "ListObjectsV2 answered but did not show the new object",
              "the store lists with a delay or ignores the prefix; check the endpoint and preset");
    } catch (Exception e) {
      return ProbeResult.fails(Feature.LIST, true, ProbeContext.reason(e), "grant s3:ListBucket on the bucket");
    }
  }

  ProbeResult range() {
    try {
      byte[] part = read(ctx.store.getRange(PROBE, ByteRange.of(100, 50)));
      byte[] suffix = read(ctx.store.getRange(PROBE, ByteRange.suffix(10)));
      boolean ok = Arrays.equals(part, Arrays.copyOfRange(small, 100, 150))
          && Arrays.equals(suffix, Arrays.copyOfRange(small, small.length - 10, small.length));
      return ok ? ProbeResult.works(Feature.RANGE, true, "bytes=100-149 and the last 10 bytes came back right")
          : ProbeResult.fails(Feature.RANGE, true, "the ranges came back wrong", "the store mishandles Range headers");
    } catch (Exception e) {
      return ProbeResult.fails(Feature.RANGE, true, ProbeContext.reason(e), "the store refuses Range requests");
    }
  }

  ProbeResult multipart() {
    int size = (int) S3Config.MIN_PART_SIZE + 1;
    byte[] data = ctx.data(size);
    BlobKey key = BlobKey.of("multipart.bin");
    try {
      // Unknown length, so it goes up as parts, is hashed and is copied to its key in one step.
      BlobInfo put = ctx.store.put(key, new ByteArrayInputStream(data), -1, PutOptions.DEFAULTS);
      String back;
      try (BlobStream in = ctx.store.get(key)) {
        back = Sha256.hex(in.readAllBytes());
      }
      if (put.size() != size || !back.equals(Sha256.hex(data))) {
        return ProbeResult.fails(Feature.MULTIPART, true, "the assembled object differs from what was sent",
            ctx.config.preset().quirks().multipartEqualParts() ? "the store mishandles multipart uploads"
                : "the store may need equal-size parts: set LIGHTBOX_S3_PRESET=r2 or custom quirks");
      }
      return ProbeResult.works(Feature.MULTIPART, true, "2 parts (5 MiB + 1 byte), assembled and copied into place");
    } catch (Exception e) {
      return ProbeResult.fails(Feature.MULTIPART, true, ProbeContext.reason(e), "allow s3:PutObject, "
          + "s3:AbortMultipartUpload and s3:ListMultipartUploadParts; uploads above 8 MiB need multipart");
    }
  }

  ProbeResult presignedGet() {
    boolean needed = ctx.options.serveMode() == ServeMode.REDIRECT;
    try {
      PresignedUrl url = ctx.store.presignGet(PROBE, PresignRequest.expiringIn(Duration.ofMinutes(5))
          .withResponseContentType("image/jpeg"));
      HttpResponse<byte[]> r = ctx.http.send(request(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200 || !Arrays.equals(r.body(), small)) {
        return ProbeResult.fails(Feature.PRESIGNED_GET, needed, "a plain HTTP GET of the URL got HTTP " + r.statusCode(),
            "check the endpoint's public URL and the clock; or serve through the server (LIGHTBOX_S3_SERVE_MODE=proxy)");
      }
      String type = r.headers().firstValue("content-type").orElse("");
      return ProbeResult.works(Feature.PRESIGNED_GET, needed, "fetched with a plain HTTP client"
          + (type.startsWith("image/jpeg") ? ", response content type honoured" : ", but the response content type "
              + "override was ignored (" + type + ")"));
    } catch (Exception e) {
      return ProbeResult.fails(Feature.PRESIGNED_GET, needed, ProbeContext.reason(e),
          "serve through the server instead: LIGHTBOX_S3_SERVE_MODE=proxy");
    }
  }

  ProbeResult presignedPut() {
    BlobKey key = BlobKey.of("presigned-put.bin");
    try {
      PresignedUrl url = ctx.store.presignPut(key, PresignRequest.expiringIn(Duration.ofMinutes(5))
          .withContentType("application/octet-stream"));
      HttpResponse<Void> r = ctx.http.send(request(url).PUT(HttpRequest.BodyPublishers.ofByteArray(small)).build(),
          HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != 200 || !Arrays.equals(read(ctx.store.get(key)), small)) {
        return ProbeResult.fails(Feature.PRESIGNED_PUT, false, "a plain HTTP PUT of the URL got HTTP " + r.statusCode(),
            "check the clock and that the store accepts presigned PUTs");
      }
      return ProbeResult.works(Feature.PRESIGNED_PUT, false, "uploaded with a plain HTTP client, read back the same");
    } catch (Exception e) {
      return ProbeResult.fails(Feature.PRESIGNED_PUT, false, ProbeContext.reason(e), "the store refuses presigned PUTs");
    }
  }

  ProbeResult batchDelete() {
    List<BlobKey> keys = List.of(BlobKey.of("delete/1"), BlobKey.of("delete/2"), BlobKey.of("delete/3"));
    int batch = ctx.config.maxBatchDelete();
    try {
      for (BlobKey k : keys) {
        ctx.store.put(k, new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.DEFAULTS);
      }
      DeleteManyResult result = ctx.store.deleteMany(keys);
      boolean gone = keys.stream().allMatch(k -> ctx.store.headOrNull(k) == null);
      String how = batch > 1 ? "one DeleteObjects request (up to " + batch + " keys each)" : "one DELETE per key";
      if (!result.allDeleted() || !gone) {
        String why = result.failures().isEmpty() ? "objects were still there" : result.failures().getFirst().message();
        return ProbeResult.fails(Feature.BATCH_DELETE, true, why, batch > 1
            ? "the store may lack DeleteObjects: set LIGHTBOX_S3_MAX_BATCH_DELETE=1 (or preset gcs)"
            : "grant s3:DeleteObject on the prefix");
      }
      return ProbeResult.works(Feature.BATCH_DELETE, true, "3 keys deleted with " + how);
    } catch (Exception e) {
      return ProbeResult.fails(Feature.BATCH_DELETE, true, ProbeContext.reason(e), "grant s3:DeleteObject on the prefix");
    }
  }

  /** The store checks {@code x-amz-checksum-sha256}: a right one is accepted and a wrong one refused. */
  ProbeResult checksum() {
    boolean needed = ctx.config.sendChecksumSha256();
    String right = java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(Sha256.hex(small)));
    String wrong = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    try {
      ctx.raw.putObject(b -> b.bucket(ctx.bucket()).key(ctx.key("checksum-right.bin")).checksumSHA256(right),
          software.amazon.awssdk.core.sync.RequestBody.fromBytes(small));
    } catch (RuntimeException e) {
      return ProbeResult.notSupported(Feature.CHECKSUM, needed, "a correct x-amz-checksum-sha256 was refused: "
          + ProbeContext.reason(ctx.error(e, "PutObject")), "set LIGHTBOX_S3_CHECKSUM_SHA256=false");
    }
    try {
      ctx.raw.putObject(b -> b.bucket(ctx.bucket()).key(ctx.key("checksum-wrong.bin")).checksumSHA256(wrong),
          software.amazon.awssdk.core.sync.RequestBody.fromBytes(small));
      return ProbeResult.notSupported(Feature.CHECKSUM, false, "x-amz-checksum-sha256 is accepted but not "
          + "verified (a wrong one was stored)", null);
    } catch (RuntimeException e) {
      StorageException mapped = ctx.error(e, "PutObject");
      return mapped.kind() == StorageException.Kind.INTEGRITY || mapped.kind() == StorageException.Kind.INVALID_ARGUMENT
          ? ProbeResult.works(Feature.CHECKSUM, needed, "x-amz-checksum-sha256 verified: a wrong one was refused")
          : ProbeResult.fails(Feature.CHECKSUM, needed, ProbeContext.reason(mapped), null);
    }
  }

  private static HttpRequest.Builder request(PresignedUrl url) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url.url()).timeout(Duration.ofSeconds(30));
    url.requiredHeaders().forEach(b::header);
    return b;
  }

  static byte[] read(BlobStream stream) throws java.io.IOException {
    try (InputStream in = stream) {
      return in.readAllBytes();
    }
  }
}
