package dev.lightbox.server.config;

import java.util.List;

/** One configuration setting: its environment variable name, default and meaning (for docs and checks). */
public record Setting(String name, String defaultValue, String description) {

  public static final List<Setting> ALL = List.of(
      new Setting("LIGHTBOX_CONFIG_FILE", "(none)",
          "Optional file of NAME=value lines using the names below; environment variables win over it."),
      new Setting("LIGHTBOX_DATA_DIR", "./lightbox-data",
          "Holds the SQLite catalog, the disk store (storage/) and temp files (tmp/)."),
      new Setting("LIGHTBOX_HOST", "0.0.0.0", "Address to listen on."),
      new Setting("LIGHTBOX_PORT", "2283", "Port to listen on (0 picks a free one)."),
      new Setting("LIGHTBOX_DB_URL", "jdbc:sqlite:<data dir>/lightbox.db",
          "Catalog database: a jdbc:sqlite: or jdbc:postgresql: URL."),
      new Setting("LIGHTBOX_DB_USER", "(none)", "PostgreSQL user, when not in the URL."),
      new Setting("LIGHTBOX_DB_PASSWORD", "(none)", "PostgreSQL password, when not in the URL."),
      new Setting("LIGHTBOX_STORAGE_BACKEND", "disk",
          "Where new uploads go: disk or s3. Existing objects keep being served from where they are."),
      new Setting("LIGHTBOX_STORAGE_TEMPLATE", ServerConfig.DEFAULT_TEMPLATE,
          "Key of a new original; placeholders {userId} {assetId} {yyyy} {MM} {dd} {ext}, must contain {assetId}."),
      new Setting("LIGHTBOX_S3_BUCKET", "(none)", "Bucket name; required when the backend is s3."),
      new Setting("LIGHTBOX_S3_REGION", "(from the endpoint or the preset)", "Bucket region."),
      new Setting("LIGHTBOX_S3_ENDPOINT", "(from the preset; AWS without one)", "Endpoint URL of an S3-compatible server, such as http://localhost:9000."),
      new Setting("LIGHTBOX_S3_PREFIX", "(none)", "Key prefix inside the bucket, such as lightbox/."),
      new Setting("LIGHTBOX_S3_ACCESS_KEY_ID", "(SDK default chain)", "Access key id; set together with the secret."),
      new Setting("LIGHTBOX_S3_SECRET_ACCESS_KEY", "(SDK default chain)", "Secret access key; never logged."),
      new Setting("LIGHTBOX_S3_PATH_STYLE", "(from the preset)",
          "Path-style addressing (http://host/bucket/key), needed by most self-hosted servers."),
      new Setting("LIGHTBOX_S3_PRESET", "(from the endpoint)",
          "Provider preset: aws, b2, r2, wasabi, digitalocean, gcs, minio, ceph or custom (docs/providers.md)."),
      new Setting("LIGHTBOX_S3_ACCOUNT_ID", "(none)", "Account id for presets whose endpoint needs one (r2)."),
      new Setting("LIGHTBOX_S3_SESSION_TOKEN", "(none)", "Session token for temporary credentials; never logged."),
      new Setting("LIGHTBOX_S3_PROFILE", "(none)",
          "Named profile in the credentials file (~/.config/lightbox/credentials, owner-readable only)."),
      new Setting("LIGHTBOX_S3_CREDENTIALS_FILE", "~/.config/lightbox/credentials", "Where named profiles live."),
      new Setting("LIGHTBOX_S3_READ_ONLY", "false", "Refuse every write before a request is sent."),
      new Setting("LIGHTBOX_S3_SSE", "none", "Server-side encryption: none, sse-s3, sse-kms or sse-c."),
      new Setting("LIGHTBOX_S3_SSE_KMS_KEY_ID", "(none)", "KMS key id or ARN for sse-kms."),
      new Setting("LIGHTBOX_S3_SSE_CUSTOMER_KEY", "(none)",
          "Base64 of a 32-byte key for sse-c (openssl rand -base64 32); never logged."),
      new Setting("LIGHTBOX_S3_CHECKSUM_SHA256", "(from the preset)", "Send x-amz-checksum-sha256 with uploads."),
      new Setting("LIGHTBOX_S3_MAX_BATCH_DELETE", "(from the preset)", "Keys per DeleteObjects request."),
      new Setting("LIGHTBOX_S3_LEAN_READS", "true",
          "GET and HEAD objects over a lean signed request instead of the AWS SDK's pipeline."),
      new Setting("LIGHTBOX_S3_SERVE_MODE", "redirect",
          "redirect: 302 to a presigned URL; proxy: stream through the server."),
      new Setting("LIGHTBOX_S3_PRESIGNED_URL_EXPIRY", "3600", "Lifetime of presigned URLs in seconds (1 to 604800)."),
      new Setting("LIGHTBOX_MAX_UPLOAD_SIZE", "4GB", "Largest accepted upload: bytes, or a number with KB, MB or GB."),
      new Setting("LIGHTBOX_CACHE_SIZE", "64MB",
          "Memory for the bytes of small objects (thumbnails) served often; 0 disables it."),
      new Setting("LIGHTBOX_ADMIN_EMAIL", "admin@localhost", "Login of the first-run admin."),
      new Setting("LIGHTBOX_ADMIN_PASSWORD", "(generated, printed once)",
          "Password of the first-run admin; used only when the catalog has no user yet."),
      new Setting("LIGHTBOX_SESSION_TTL", "2592000", "Lifetime of a login session in seconds (default 30 days)."),
      new Setting("LIGHTBOX_COOKIE_SECURE", "false", "Mark the session cookie Secure (set true behind HTTPS)."),
      new Setting("LIGHTBOX_TRASH_DAYS", "30",
          "Days a deleted asset stays in the trash before it is deleted for good (1 to 36500)."));

  public static boolean isKnown(String name) {
    return ALL.stream().anyMatch(s -> s.name().equals(name));
  }
}
