package dev.lightbox.server.accounts;

import dev.lightbox.server.ServerException;
import java.nio.charset.StandardCharsets;

/** Limits on what users type: e-mail addresses, names and passwords, checked before anything is hashed. */
final class Credentials {
  /** The longest address SMTP can carry (RFC 5321 path limit less the angle brackets). */
  static final int MAX_EMAIL = 254;
  static final int MAX_NAME = 200;
  static final int MIN_PASSWORD = 8;
  /** In UTF-8 bytes: enough for any passphrase, small enough that hashing it costs nothing extra. */
  static final int MAX_PASSWORD_BYTES = 1024;

  private Credentials() {
  }

  static void checkEmail(String email) {
    if (email == null || email.length() > MAX_EMAIL || !email.matches("[^@\\s]+@[^@\\s]+")) {
      throw ServerException.badRequest("'email' must be an address such as ada@example.com of at most "
          + MAX_EMAIL + " characters");
    }
  }

  static void checkName(String name) {
    if (name != null && name.length() > MAX_NAME) {
      throw ServerException.badRequest("'name' may have at most " + MAX_NAME + " characters");
    }
  }

  static void checkNewPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD) {
      throw ServerException.badRequest("'password' must have at least " + MIN_PASSWORD + " characters");
    }
    checkPasswordLength(password);
  }

  /** Refuses over-long login input before any lookup, so the refusal says nothing about the account. */
  static void checkLogin(String email, String password) {
    if (email != null && email.length() > MAX_EMAIL) {
      throw ServerException.badRequest("'email' may have at most " + MAX_EMAIL + " characters");
    }
    if (password != null) {
      checkPasswordLength(password);
    }
  }

  private static void checkPasswordLength(String password) {
    if (password.length() > MAX_PASSWORD_BYTES
        || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      throw ServerException.badRequest("'password' may have at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8)");
    }
  }
}
