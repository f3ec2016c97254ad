package dev.lightbox.storage.testkit;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Throw-away credentials for one local test server, so no real key is ever used in a test. */
final class TestCredentials {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestCredentials() {
  }

  static String accessKey() {
    return "LBTEST" + random(7).toUpperCase();
  }

  static String secretKey() {
    return random(20);
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
