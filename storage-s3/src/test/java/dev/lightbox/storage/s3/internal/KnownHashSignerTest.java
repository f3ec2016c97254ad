package dev.lightbox.storage.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import dev.lightbox.storage.internal.HashingInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** The known-hash signature must be exactly the one the SDK computes after hashing the payload itself. */
class KnownHashSignerTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
  private static final AwsCredentialsIdentity KEYS = AwsCredentialsIdentity.create("AKIDEXAMPLE", "secret/Key+1");
  private final byte[] body = "forty kilobytes, give or take\n".getBytes(StandardCharsets.UTF_8);
  private final KnownHashSigner signer = new KnownHashSigner();

  @Test
  void signsAPutLikeTheSdkWithoutReadingThePayload() {
    SdkHttpRequest request = put("/photos/2026/caf%C3%A9%20%2B%20bar.webp")
        .putRawQueryParameter("partNumber", "3")
        .putRawQueryParameter("uploadId", "a b/c+d=e")
        .putHeader("x-amz-meta-caption", "  two   spaces\tand a tab  ")
        .putHeader("Cache-Control", "max-age=60")
        .putHeader("User-Agent", "not signed")
        .build();
    SignedRequest sdk = sdkSigned(request, KEYS);
    SignedRequest ours = signer.sign(r -> props(r).identity(KEYS)
        .request(request.toBuilder().putHeader(KnownHashSigner.PAYLOAD_HASH_HEADER, sha256Hex(body)).build())
        .payload(unreadable()));

    assertThat(ours.request().firstMatchingHeader("Authorization"))
        .isEqualTo(sdk.request().firstMatchingHeader("Authorization")).isPresent();
    assertThat(ours.request().firstMatchingHeader("X-Amz-Date")).isEqualTo(sdk.request().firstMatchingHeader("X-Amz-Date"));
    assertThat(ours.request().firstMatchingHeader("x-amz-content-sha256")).contains(sha256Hex(body));
  }

  @Test
  void signsSessionCredentialsWithTheirTokenLikeTheSdk() {
    var session = AwsSessionCredentialsIdentity.create("ASIAEXAMPLE", "s3cr3t", "token/with+chars==");
    SdkHttpRequest request = put("/bucket/key").build();
    SignedRequest sdk = sdkSigned(request, session);
    SignedRequest ours = signer.sign(r -> props(r).identity(session)
        .request(request.toBuilder().putHeader(KnownHashSigner.PAYLOAD_HASH_HEADER, sha256Hex(body)).build())
        .payload(unreadable()));

    assertThat(ours.request().firstMatchingHeader("Authorization")).isEqualTo(sdk.request().firstMatchingHeader("Authorization"));
    assertThat(ours.request().firstMatchingHeader("X-Amz-Security-Token")).contains("token/with+chars==");
  }

  @Test
  void signsAnUnsignedPayloadLikeTheSdkWithPayloadSigningOff() {
    SdkHttpRequest request = put("/bucket/key").build();
    // Over http the SDK signs the payload even when told not to; the scheme is not part of the signature.
    SignedRequest sdk = AwsV4HttpSigner.create().sign(r -> props(r).identity(KEYS)
        .request(request.toBuilder().protocol("https").build())
        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
        .payload(ContentStreamProvider.fromByteArray(body)));
    SignedRequest ours = signer.sign(r -> props(r).identity(KEYS)
        .request(request.toBuilder().putHeader(KnownHashSigner.PAYLOAD_HASH_HEADER, KnownHashSigner.UNSIGNED_PAYLOAD).build())
        .payload(unreadable()));

    assertThat(ours.request().firstMatchingHeader("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");
    assertThat(ours.request().firstMatchingHeader("Authorization"))
        .isEqualTo(sdk.request().firstMatchingHeader("Authorization")).isPresent();
  }

  @Test
  void leavesRequestsWithoutAKnownHashToTheSdk() {
    SdkHttpRequest request = put("/bucket/key").putHeader(KnownHashSigner.PAYLOAD_HASH_HEADER, "not-a-hash").build();
    SignedRequest ours = signer.sign(r -> props(r).identity(KEYS).request(request)
        .payload(ContentStreamProvider.fromByteArray(body)));

    assertThat(ours.request().firstMatchingHeader("x-amz-content-sha256")).contains(sha256Hex(body));
    assertThat(ours.request().firstMatchingHeader("Authorization"))
        .isEqualTo(sdkSigned(put("/bucket/key").build(), KEYS).request().firstMatchingHeader("Authorization"));
  }

  @Test
  void encodesLikeSigV4() {
    assertThat(SigV4.uriEncode("a b/c+d=e~f_g-h.i*é")).isEqualTo("a%20b%2Fc%2Bd%3De~f_g-h.i%2A%C3%A9");
  }

  private static SdkHttpFullRequest.Builder put(String encodedPath) {
    return SdkHttpFullRequest.builder().method(SdkHttpMethod.PUT).protocol("http").host("127.0.0.1").port(9000)
        .encodedPath(encodedPath)
        .putHeader("Host", "127.0.0.1:9000")
        .putHeader("Content-Type", "image/webp")
        .putHeader("Content-Length", "30");
  }

  private SignedRequest sdkSigned(SdkHttpRequest request, AwsCredentialsIdentity identity) {
    return AwsV4HttpSigner.create().sign(r -> props(r).identity(identity).request(request)
        .payload(ContentStreamProvider.fromByteArray(body)));
  }

  private static <B extends SignRequest.Builder<AwsCredentialsIdentity>> B props(B r) {
    r.putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-3")
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
        .putProperty(HttpSigner.SIGNING_CLOCK, CLOCK);
    return r;
  }

  private static ContentStreamProvider unreadable() {
    return () -> {
      throw new AssertionError("the payload was read although its hash was given");
    };
  }

  private static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(HashingInputStream.newSha256().digest(data));
  }
}
