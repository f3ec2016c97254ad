package dev.lightbox.storage.s3.internal;

import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/**
 * The SDK's SigV4 signer, except when the caller already knows the payload's SHA-256 and says so in
 * {@value #PAYLOAD_HASH_HEADER}: then the request is signed with that hash instead of the SDK reading and
 * hashing the payload a second time (which it always does over plain http). The put path hashes every
 * byte anyway to store the SHA-256, so the signature covers the payload exactly as before, for half the
 * hashing. A put whose caller reads the object back and checks it sets {@value #UNSIGNED_PAYLOAD} instead,
 * sparing the server a second SHA-256 of the body. Anything this signer does not handle (presigning, aws-chunked trailers, flexible checksums,
 * anonymous requests) goes to the SDK's signer unchanged.
 */
final class KnownHashSigner implements AwsV4HttpSigner {
  /** The standard SigV4 header; a put that sets it to the lowercase hex SHA-256 of its body skips the re-hash. */
  static final String PAYLOAD_HASH_HEADER = "x-amz-content-sha256";
  /** The header's value for a body whose hash is not signed (its put is checked by reading it back). */
  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

  /** The header's value for a body of that SHA-256: the hash itself, or unsigned when the caller verifies. */
  static String payloadHash(String sha256Hex, boolean verifiedByCaller) {
    return verifiedByCaller ? UNSIGNED_PAYLOAD : sha256Hex;
  }

  private final AwsV4HttpSigner sdk = AwsV4HttpSigner.create();
  private final SigV4 sigV4 = new SigV4();

  /** The SigV4 auth scheme with this signer, to register on the S3 client with {@code putAuthScheme}. */
  static AwsV4AuthScheme scheme() {
    KnownHashSigner signer = new KnownHashSigner();
    return new AwsV4AuthScheme() {
      @Override
      public String schemeId() {
        return SCHEME_ID;
      }

      @Override
      public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
        return providers.identityProvider(AwsCredentialsIdentity.class);
      }

      @Override
      public AwsV4HttpSigner signer() {
        return signer;
      }
    };
  }

  @Override
  public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
    String payloadHash = request.request().firstMatchingHeader(PAYLOAD_HASH_HEADER).orElse(null);
    if (!(isSha256Hex(payloadHash) || UNSIGNED_PAYLOAD.equals(payloadHash)) || !handles(request)) {
      return sdk.sign(request);
    }
    AwsCredentialsIdentity identity = request.identity();
    var builder = request.request().toBuilder();
    if (identity instanceof AwsSessionCredentialsIdentity session) {
      builder.putHeader("X-Amz-Security-Token", session.sessionToken());
    }
    Clock clock = request.requireProperty(HttpSigner.SIGNING_CLOCK, Clock.systemUTC());
    SigV4.Signature signature = sigV4.sign(builder.build(), payloadHash, clock.instant(),
        request.requireProperty(REGION_NAME), request.requireProperty(SERVICE_SIGNING_NAME),
        identity.accessKeyId(), identity.secretAccessKey());
    builder.putHeader("X-Amz-Date", signature.amzDate()).putHeader("Authorization", signature.authorization());
    return SignedRequest.builder().request(builder.build()).payload(request.payload().orElse(null)).build();
  }

  /** Plain header signing of a plain payload, with S3's path rules; everything else is the SDK's. */
  private static boolean handles(SignRequest<? extends AwsCredentialsIdentity> request) {
    AwsCredentialsIdentity identity = request.identity();
    var r = request.request();
    boolean flexibleChecksum = request.hasProperty(CHECKSUM_ALGORITHM)
        && r.firstMatchingHeader("x-amz-checksum-"
            + request.property(CHECKSUM_ALGORITHM).algorithmId().toLowerCase(Locale.ROOT)).isEmpty();
    return identity.accessKeyId() != null && identity.secretAccessKey() != null
        && request.requireProperty(AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.HEADER)
            == AwsV4FamilyHttpSigner.AuthLocation.HEADER
        && request.property(EXPIRATION_DURATION) == null
        && !request.requireProperty(DOUBLE_URL_ENCODE, true)
        && !request.requireProperty(NORMALIZE_PATH, true)
        && !flexibleChecksum
        && r.firstMatchingHeader("x-amz-trailer").isEmpty()
        && !"application/vnd.amazon.eventstream".equals(r.firstMatchingHeader("Content-Type").orElse(""));
  }

  private static boolean isSha256Hex(String value) {
    if (value == null || value.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = value.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  @Override
  public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
    return sdk.signAsync(request);
  }
}
