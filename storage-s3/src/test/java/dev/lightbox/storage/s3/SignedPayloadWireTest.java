package dev.lightbox.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.lightbox.storage.internal.HashingInputStream;
import dev.lightbox.storage.s3.internal.S3Clients;
import dev.lightbox.storage.testkit.S3ProxyServer;
import dev.lightbox.storage.testkit.TestData;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Puts sign their payload with the SHA-256 they computed anyway instead of letting the SDK hash it again:
 * the payload stays covered by the signature, so a store that checks it (S3Proxy does) refuses a body that
 * does not match.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedPayloadWireTest {
  private S3ProxyServer server;
  private S3Client client;

  @BeforeAll
  void start() {
    server = S3ProxyServer.start();
    client = S3Clients.client(S3Stores.config(server).sendChecksumSha256(false).build());
  }

  @AfterAll
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void aBodyThatMatchesItsGivenHashIsStored() {
    byte[] data = TestData.bytes(4096, 1);
    client.putObject(b -> b.bucket(server.bucket()).key("signed/ok.bin")
        .overrideConfiguration(o -> o.putHeader("x-amz-content-sha256", sha256Hex(data))), RequestBody.fromBytes(data));

    assertThat(client.getObjectAsBytes(b -> b.bucket(server.bucket()).key("signed/ok.bin")).asByteArray()).isEqualTo(data);
  }

  @Test
  void aBodyThatDoesNotMatchItsGivenHashIsRefused() {
    byte[] data = TestData.bytes(4096, 2);
    byte[] other = TestData.bytes(4096, 3);

    assertThatThrownBy(() -> client.putObject(b -> b.bucket(server.bucket()).key("signed/tampered.bin")
        .overrideConfiguration(o -> o.putHeader("x-amz-content-sha256", sha256Hex(other))), RequestBody.fromBytes(data)))
        .isInstanceOf(S3Exception.class);
    assertThatThrownBy(() -> client.headObject(b -> b.bucket(server.bucket()).key("signed/tampered.bin")))
        .isInstanceOf(S3Exception.class);
  }

  private static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(HashingInputStream.newSha256().digest(data));
  }
}
