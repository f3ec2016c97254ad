package dev.lightbox.server.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id password hashes (Password4j), in the standard PHC string format. */
public final class PasswordHasher {
  // OWASP's recommended minimum for Argon2id: 19 MiB, 2 iterations, 1 lane.
  private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
  private static final String DUMMY = hash("not a real password, used to even out timing");

  private PasswordHasher() {
  }

  public static String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
  }

  public static boolean verify(String password, String hash) {
    try {
      return Password.check(password, hash).with(ARGON2);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Spends the same time as a real check, for logins of unknown users. */
  public static void verifyDummy(String password) {
    verify(password, DUMMY);
  }
}
