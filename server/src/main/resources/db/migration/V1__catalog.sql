-- Portable SQL: runs unchanged on SQLite and PostgreSQL. Instants are epoch milliseconds.
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  is_admin BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE INDEX api_keys_user ON api_keys (user_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- version goes up by one on every change of a row or of its renditions; a location switch (migration)
-- only succeeds when the version it read is still current.
CREATE TABLE assets (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES users (id),
  sha256 TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  media_type TEXT NOT NULL,
  original_name TEXT NOT NULL,
  original_location TEXT NOT NULL,
  width INTEGER,
  height INTEGER,
  capture_time TEXT,
  taken_at BIGINT NOT NULL,
  orientation INTEGER,
  ai_prompt TEXT,
  metadata_json TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL,
  CONSTRAINT assets_owner_sha256 UNIQUE (owner_id, sha256)
);
CREATE INDEX assets_owner_taken ON assets (owner_id, taken_at, id);

CREATE TABLE renditions (
  asset_id TEXT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  location TEXT NOT NULL,
  media_type TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (asset_id, kind)
);
