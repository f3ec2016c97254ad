-- Libraries in place: folders or bucket prefixes that the server catalogues where they are, read-only.
-- Portable SQL (SQLite and PostgreSQL); instants are epoch milliseconds.

-- kind: disk (root is a directory on the server) | s3 (bucket, prefix, endpoint, region, path_style, and
-- either access_key_id + secret_access_key or a profile name of the credentials file, or neither for the
-- SDK's default chain). The secret is never sent back by the API.
CREATE TABLE libraries (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  owner_id TEXT NOT NULL REFERENCES users (id),
  root TEXT,
  bucket TEXT,
  prefix TEXT,
  endpoint TEXT,
  region TEXT,
  path_style BOOLEAN,
  access_key_id TEXT,
  secret_access_key TEXT,
  profile TEXT,
  created_at BIGINT NOT NULL,
  last_scan_at BIGINT,
  last_scan_json TEXT
);

-- One row per file the library holds that is an image or video (or was: state offline).
-- asset_id: the asset whose original this file is (owns_asset true: its location names this library), or the
-- owner's existing asset with the same SHA-256 that the file was linked to (owns_asset false: nothing new was
-- catalogued). state: online | offline | skipped (skip_reason says why; re-read only when the file changes).
CREATE TABLE library_files (
  library_id TEXT NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  modified_at BIGINT NOT NULL,
  etag TEXT,
  sha256 TEXT,
  asset_id TEXT,
  owns_asset BOOLEAN NOT NULL,
  state TEXT NOT NULL,
  skip_reason TEXT,
  seen_at BIGINT NOT NULL,
  PRIMARY KEY (library_id, path)
);
CREATE INDEX library_files_asset ON library_files (asset_id);

-- Set while the asset's original (in a library) is missing: the gallery shows it offline, the original
-- answers 410; cleared when the file is back.
ALTER TABLE assets ADD COLUMN offline_since BIGINT;
