-- Portable SQL: runs unchanged on SQLite and PostgreSQL. Instants are epoch milliseconds.
-- Metadata files kept with an asset (A1111 .txt, .json, .xmp), one row per file name; the object is stored in
-- the backend of the asset's original, next to it. Replacing one (same name, new content) changes location and
-- sha256 in one statement; the asset's version goes up with every change so a delete reads them consistently.
CREATE TABLE sidecars (
  asset_id TEXT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  location TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (asset_id, name)
);
