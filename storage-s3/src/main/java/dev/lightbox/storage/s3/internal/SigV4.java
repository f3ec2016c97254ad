package dev.lightbox.storage.s3.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.lightbox.storage.internal.HashingInputStream;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * AWS Signature Version 4 in the Authorization header, for a request whose payload hash is already known
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html), with S3's rules: the path
 * is signed as sent (no second encoding, no normalisation). Headers are chosen as the AWS SDK chooses them
 * (all but a few hop-by-hop ones), so the signature is the one the SDK's own signer would compute.
 */
final class SigV4 {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final Set<String> UNSIGNED_HEADERS = Set.of("connection", "x-amzn-trace-id", "user-agent", "expect");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  /** Looked up once: a provider lookup per request costs more than the hash itself; each use clones it. */
  private static final MessageDigest SHA256 = HashingInputStream.newSha256();

  /**
   * The signing key depends only on the secret, the day, the region and the service: derive it once a day,
   * and keep a Mac initialised with it, which each signature clones instead of looking one up and keying it.
   */
  private record KeyCacheEntry(byte[] secret, String scope, Mac mac) {
  }

  /** X-Amz-Date changes once a second: format it once a second. */
  private record AmzDate(long epochSecond, String value) {
  }

  private volatile KeyCacheEntry cachedKey;
  private volatile AmzDate cachedDate = new AmzDate(Long.MIN_VALUE, "");

  /** The values for the {@code X-Amz-Date} and {@code Authorization} headers. */
  record Signature(String amzDate, String authorization) {
  }

  /**
   * Signs {@code request}, which must already carry every header to be signed (including
   * {@code x-amz-content-sha256} and, for session credentials, {@code x-amz-security-token}) except
   * {@code X-Amz-Date}, which is computed here from {@code time}.
   */
  Signature sign(SdkHttpRequest request, String payloadHash, Instant time, String region, String service,
      String accessKeyId, String secretAccessKey) {
    TreeMap<String, String> headers = new TreeMap<>();
    request.forEachHeader((name, values) -> {
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      if (!UNSIGNED_HEADERS.contains(lower)) {
        StringBuilder joined = new StringBuilder();
        for (String value : values) {
          appendTrimmed(joined, value);
          joined.append(',');
        }
        joined.setLength(Math.max(0, joined.length() - 1));
        headers.put(lower, joined.toString());
      }
    });
    return sign(request.method().name(), request.encodedPath(), request.rawQueryParameters(), headers, payloadHash,
        time, region, service, accessKeyId, secretAccessKey);
  }

  /**
   * Signs a request given as plain values: {@code encodedPath} exactly as sent, {@code headers} with
   * lower-case names and values as sent (each one is signed; {@code x-amz-date} is added here).
   */
  Signature sign(String method, String encodedPath, Map<String, List<String>> rawQuery,
      Map<String, String> headers, String payloadHash, Instant time, String region, String service,
      String accessKeyId, String secretAccessKey) {
    String amzDate = amzDate(time);
    String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
    TreeMap<String, String> canonicalHeaders = new TreeMap<>();
    headers.forEach((name, value) -> {
      StringBuilder trimmed = new StringBuilder(value.length());
      appendTrimmed(trimmed, value);
      canonicalHeaders.put(name, trimmed.toString());
    });
    canonicalHeaders.put("x-amz-date", amzDate);
    String signedHeaders = String.join(";", canonicalHeaders.keySet());
    StringBuilder canonical = new StringBuilder(512)
        .append(method).append('\n')
        .append(canonicalUri(encodedPath)).append('\n')
        .append(canonicalQuery(rawQuery)).append('\n');
    canonicalHeaders.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
    canonical.append('\n').append(signedHeaders).append('\n').append(payloadHash);
    String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonical.toString());
    String signature = HEX.formatHex(signingMac(secretAccessKey, scope).doFinal(
        stringToSign.getBytes(StandardCharsets.UTF_8)));
    return new Signature(amzDate, ALGORITHM + " Credential=" + accessKeyId + "/" + scope + ", SignedHeaders="
        + signedHeaders + ", Signature=" + signature);
  }

  /** Trims and collapses runs of whitespace to one space, as SigV4 asks. */
  private static void appendTrimmed(StringBuilder out, String value) {
    if (value == null) {
      return;
    }
    boolean pendingSpace = false;
    boolean started = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f') {
        pendingSpace = started;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
        started = true;
      }
    }
  }

  private static String canonicalUri(String encodedPath) {
    if (encodedPath == null || encodedPath.isEmpty()) {
      return "/";
    }
    return encodedPath.startsWith("/") ? encodedPath : encodedPath + "/";
  }

  private static String canonicalQuery(Map<String, List<String>> params) {
    if (params.isEmpty()) {
      return "";
    }
    TreeMap<String, List<String>> sorted = new TreeMap<>();
    params.forEach((name, values) -> {
      if (name == null || name.isEmpty()) {
        return;
      }
      List<String> encoded = new ArrayList<>(values.size());
      for (String value : values) {
        encoded.add(value == null ? "" : uriEncode(value));
      }
      encoded.sort(null);
      sorted.put(uriEncode(name), encoded);
    });
    StringBuilder out = new StringBuilder();
    sorted.forEach((name, values) -> {
      for (String value : values) {
        if (!out.isEmpty()) {
          out.append('&');
        }
        out.append(name).append('=').append(value);
      }
    });
    return out.toString();
  }

  /** RFC 3986 percent-encoding of everything but unreserved characters, upper-case hex, as SigV4 asks. */
  static String uriEncode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private String amzDate(Instant time) {
    AmzDate cached = cachedDate;
    if (cached.epochSecond() != time.getEpochSecond()) {
      cached = new AmzDate(time.getEpochSecond(), DATE_TIME.format(time));
      cachedDate = cached;
    }
    return cached.value();
  }

  /** A Mac keyed with the signing key of {@code secret} and {@code scope}, for this signature alone. */
  private Mac signingMac(String secret, String scope) {
    byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);
    KeyCacheEntry entry = cachedKey;
    if (entry == null || !entry.scope().equals(scope) || !MessageDigest.isEqual(entry.secret(), secretBytes)) {
      entry = new KeyCacheEntry(secretBytes, scope, newMac(derivedKey(secret, scope)));
      cachedKey = entry;
    }
    try {
      return (Mac) entry.mac().clone();
    } catch (CloneNotSupportedException e) {
      return newMac(derivedKey(secret, scope)); // a provider whose Mac cannot be cloned: key a new one
    }
  }

  private static byte[] derivedKey(String secret, String scope) {
    String[] parts = scope.split("/");
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), parts[0]);
    key = hmac(key, parts[1]);
    key = hmac(key, parts[2]);
    return hmac(key, parts[3]);
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    return newMac(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256Hex(String text) {
    MessageDigest digest;
    try {
      digest = (MessageDigest) SHA256.clone();
    } catch (CloneNotSupportedException e) {
      digest = HashingInputStream.newSha256();
    }
    return HEX.formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
