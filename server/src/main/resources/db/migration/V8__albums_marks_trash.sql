-- Albums, favourites, ratings, free tags and the trash. Portable SQL (SQLite and PostgreSQL); epoch millis.

-- trashed_at: when the owner deleted the asset (NULL: not in the trash). Bytes stay until the trash is
-- emptied or the background purge removes assets trashed longer than LIGHTBOX_TRASH_DAYS ago.
ALTER TABLE assets ADD COLUMN trashed_at BIGINT;
ALTER TABLE assets ADD COLUMN favorite BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE assets ADD COLUMN rating INTEGER NOT NULL DEFAULT 0;
CREATE INDEX assets_trashed ON assets (trashed_at);

CREATE TABLE asset_tags (
  asset_id TEXT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (asset_id, tag)
);
CREATE INDEX asset_tags_tag ON asset_tags (tag, asset_id);

-- cover_asset_id: the owner's explicit cover, or NULL for the album's first (newest) asset.
CREATE TABLE albums (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  cover_asset_id TEXT REFERENCES assets (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX albums_owner ON albums (owner_id, created_at);

CREATE TABLE album_assets (
  album_id TEXT NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
  asset_id TEXT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  added_at BIGINT NOT NULL,
  PRIMARY KEY (album_id, asset_id)
);
CREATE INDEX album_assets_asset ON album_assets (asset_id);
