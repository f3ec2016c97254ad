-- Objects an upload is about to store (its original and renditions). A row is committed on its own before the
-- put, and the transaction that commits the asset deletes it. A row left over names an object that a killed or
-- failed upload may have left in a store: the sweep deletes that object unless the catalog references it,
-- then the row. Deleting an asset writes a row per object (purpose 'delete') in the transaction that deletes
-- the asset's row, and drops each once the object is gone. Portable SQL (SQLite and PostgreSQL); epoch millis.
CREATE TABLE store_intents (
  location TEXT PRIMARY KEY,          -- backend:key
  asset_id TEXT NOT NULL,             -- the asset the object is for (part of its key)
  purpose TEXT NOT NULL,              -- original | thumbnail | preview | delete
  instance_id TEXT NOT NULL,          -- the server that stores it (the instance-id file of its data dir)
  boot_id TEXT NOT NULL,              -- that server's run (a new id at every start)
  created_at BIGINT NOT NULL,
  claimed_at BIGINT                   -- set by a sweep resolving it; the upload then cannot commit and gives up
);
CREATE INDEX store_intents_created ON store_intents (created_at);
CREATE INDEX store_intents_instance ON store_intents (instance_id, boot_id);
