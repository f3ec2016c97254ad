package dev.lightbox.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lightbox.storage.StorageException;

class S3CredentialResolverTest {
  @TempDir
  Path home;

  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private Path writeProfiles(String text, String perms) throws Exception {
    Path file = home.resolve(".config/lightbox/credentials");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    return file;
  }

  @Test
  void environmentLayersLightboxThenAwsThenB2() {
    var lightbox = S3CredentialResolver.resolve(env("LIGHTBOX_S3_ACCESS_KEY_ID", "LB", "LIGHTBOX_S3_SECRET_ACCESS_KEY",
        "lb-secret", "AWS_ACCESS_KEY_ID", "AWS", "AWS_SECRET_ACCESS_KEY", "aws-secret"), null);
    assertThat(lightbox.credentials().accessKeyId()).isEqualTo("LB");
    assertThat(lightbox.source()).contains("LIGHTBOX_S3_ACCESS_KEY_ID");

    var aws = S3CredentialResolver.resolve(env("AWS_ACCESS_KEY_ID", "AWS", "AWS_SECRET_ACCESS_KEY", "aws-secret",
        "AWS_SESSION_TOKEN", "token", "B2_APPLICATION_KEY_ID", "B2", "B2_APPLICATION_KEY", "b2-secret"), null);
    assertThat(aws.credentials().accessKeyId()).isEqualTo("AWS");
    assertThat(aws.credentials().sessionToken()).isEqualTo("token");

    var b2 = S3CredentialResolver.resolve(env("B2_APPLICATION_KEY_ID", "B2", "B2_APPLICATION_KEY", "b2-secret"), null);
    assertThat(b2.credentials().accessKeyId()).isEqualTo("B2");
    assertThat(b2.credentials().secretAccessKey()).isEqualTo("b2-secret");
    assertThat(b2.source()).contains("B2_APPLICATION_KEY_ID");
  }

  @Test
  void noKeysAnywhereMeansTheSdkDefaultChain() {
    var resolved = S3CredentialResolver.resolve(env(), null);
    assertThat(resolved.usesDefaultChain()).isTrue();
    assertThat(resolved.source()).contains("default chain");
  }

  @Test
  void halfAPairIsAnErrorThatNamesTheMissingVariableButNoSecret() {
    assertThatThrownBy(() -> S3CredentialResolver.resolve(env("AWS_SECRET_ACCESS_KEY", "aws-secret"), null))
        .isInstanceOf(StorageException.class).hasMessageContaining("AWS_ACCESS_KEY_ID")
        .hasMessageNotContaining("aws-secret");
  }

  @Test
  void aNamedProfileOverridesTheEnvironmentAndCanBeReadOnly() throws Exception {
    writeProfiles("""
        # archive access
        [default]
        access_key_id = DEF
        secret_access_key = def-secret

        [archive]
        access_key_id = ARC
        secret_access_key = arc-secret
        read_only = true
        """, "rw-------");
    var env = env("AWS_ACCESS_KEY_ID", "AWS", "AWS_SECRET_ACCESS_KEY", "aws-secret", "LIGHTBOX_S3_PROFILE", "archive");
    var resolved = S3CredentialResolver.resolve(env, null);
    assertThat(resolved.credentials().accessKeyId()).isEqualTo("ARC");
    assertThat(resolved.readOnly()).isTrue();
    assertThat(resolved.source()).contains("profile 'archive'");
    assertThat(resolved.toString()).doesNotContain("arc-secret");

    assertThat(S3CredentialResolver.resolve(env("AWS_ACCESS_KEY_ID", "AWS", "AWS_SECRET_ACCESS_KEY", "s"), null)
        .credentials().accessKeyId()).as("the default profile does not beat keys in the environment").isEqualTo("AWS");
    assertThat(S3CredentialResolver.resolve(env(), null).credentials().accessKeyId()).isEqualTo("DEF");
    assertThat(S3CredentialResolver.resolve(env(), "archive").credentials().accessKeyId()).isEqualTo("ARC");
    assertThat(S3CredentialResolver.resolve(env("LIGHTBOX_S3_READ_ONLY", "true"), null).readOnly()).isTrue();
  }

  @Test
  void xdgConfigHomeAndAnExplicitFileAreHonoured() throws Exception {
    Path xdg = home.resolve("xdg");
    Path file = xdg.resolve("lightbox/credentials");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "[default]\naccess_key_id = X\nsecret_access_key = x-secret\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThat(S3CredentialResolver.credentialsFile(env("XDG_CONFIG_HOME", xdg.toString()))).isEqualTo(file);
    assertThat(S3CredentialResolver.resolve(env("XDG_CONFIG_HOME", xdg.toString()), null).credentials().accessKeyId())
        .isEqualTo("X");
    assertThat(S3CredentialResolver.credentialsFile(env("LIGHTBOX_S3_CREDENTIALS_FILE", "/etc/lb")))
        .isEqualTo(Path.of("/etc/lb"));
  }

  @Test
  void aFileOthersCanReadIsRefusedLikeSshDoes() throws Exception {
    Path file = writeProfiles("[default]\naccess_key_id = A\nsecret_access_key = leaked-secret\n", "rw-r--r--");
    assertThatThrownBy(() -> S3CredentialResolver.resolve(env(), null))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("can be read or changed by other users")
        .hasMessageContaining("chmod 600 '" + file + "'")
        .hasMessageNotContaining("leaked-secret");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
    assertThatThrownBy(() -> S3CredentialResolver.resolve(env(), null)).hasMessageContaining("rw-rw----");
  }

  @Test
  void mistakesInTheFileNameTheLineAndNeverTheValue() throws Exception {
    writeProfiles("[main]\naccess_key_id = A\nsecret_acces_key = typo-secret\n", "rw-------");
    assertThatThrownBy(() -> S3CredentialResolver.resolve(env(), "main"))
        .hasMessageContaining("line 3").hasMessageContaining("unknown key 'secret_acces_key'")
        .hasMessageNotContaining("typo-secret");
    writeProfiles("[main]\naccess_key_id = A\nsecret_access_key = s\n", "rw-------");
    assertThatThrownBy(() -> S3CredentialResolver.resolve(env(), "other"))
        .hasMessageContaining("has no profile [other]").hasMessageContaining("[main]");
    assertThatThrownBy(() -> S3CredentialResolver.resolve(env("LIGHTBOX_S3_PROFILE", "x",
        "LIGHTBOX_S3_CREDENTIALS_FILE", home.resolve("missing").toString()), null)).hasMessageContaining("does not exist");
  }

  @Test
  void theEnvironmentConfiguresAWholeStore() throws Exception {
    writeProfiles("[r2]\naccess_key_id = R2KEY\nsecret_access_key = r2-secret\n"
        + "sse_customer_key = " + SseCustomerKey.random().base64() + "\n", "rw-------");
    S3Config config = S3Environment.configure(env("LIGHTBOX_S3_PRESET", "r2", "LIGHTBOX_S3_ACCOUNT_ID", "acct",
        "LIGHTBOX_S3_BUCKET", "media", "LIGHTBOX_S3_PREFIX", "lib", "LIGHTBOX_S3_PROFILE", "r2"), null).build();
    assertThat(config.endpoint()).hasToString("https://acct.r2.cloudflarestorage.com");
    assertThat(config.credentials().accessKeyId()).isEqualTo("R2KEY");
    assertThat(config.encryption().isCustomerKey()).as("the profile's SSE-C key").isTrue();
    assertThat(config.keyPrefix()).isEqualTo("lib/");
    assertThat(config.credentialsSource()).contains("profile 'r2'");
    assertThatThrownBy(() -> S3Environment.configure(env("LIGHTBOX_S3_BUCKET", "b", "LIGHTBOX_S3_SSE", "sse-kms"), null))
        .hasMessageContaining("LIGHTBOX_S3_SSE_KMS_KEY_ID");
  }
}
