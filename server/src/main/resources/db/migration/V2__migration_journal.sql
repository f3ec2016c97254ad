-- Journal of storage migrations (lightbox migrate): batches, one row per object of a batch, and a one-row
-- lease so that only one migration runs at a time. Portable SQL (SQLite and PostgreSQL); epoch milliseconds.

-- state: running | stopped (interrupted, resumable) | completed | rolled_back
CREATE TABLE migration_batches (
  id TEXT PRIMARY KEY,
  operation TEXT NOT NULL,            -- migrate | rollback
  source_backend TEXT NOT NULL,
  target_backend TEXT NOT NULL,
  kinds TEXT NOT NULL,                -- comma-separated: original,thumbnail,preview
  delete_source BOOLEAN NOT NULL,
  rollback_of TEXT,                   -- for a rollback: the batch it moves back
  state TEXT NOT NULL,
  planned_objects BIGINT NOT NULL,
  planned_bytes BIGINT NOT NULL,
  message TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  finished_at BIGINT
);

-- state: pending | switched (catalog points at the target, source not yet handled) | done | gone (asset
-- deleted meanwhile) | changed (someone else changed the object's location meanwhile) | failed
CREATE TABLE migration_items (
  batch_id TEXT NOT NULL REFERENCES migration_batches (id),
  seq BIGINT NOT NULL,
  asset_id TEXT NOT NULL,
  kind TEXT NOT NULL,                 -- original | thumbnail | preview
  source_location TEXT NOT NULL,
  target_location TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  state TEXT NOT NULL,
  copied BOOLEAN NOT NULL,            -- true when this batch wrote the target (false: it was already there)
  source_deleted BOOLEAN NOT NULL,
  error TEXT,
  switched_at BIGINT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (batch_id, seq)
);
CREATE UNIQUE INDEX migration_items_object ON migration_items (batch_id, asset_id, kind);
CREATE INDEX migration_items_state ON migration_items (batch_id, state, seq);

-- Exactly one row. runner is NULL when free, else who holds it (host, pid, process start, run id).
CREATE TABLE migration_lease (
  id INTEGER PRIMARY KEY,
  runner TEXT,
  batch_id TEXT,
  heartbeat_at BIGINT
);
INSERT INTO migration_lease (id, runner, batch_id, heartbeat_at) VALUES (1, NULL, NULL, NULL);
