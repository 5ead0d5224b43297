-- Files in and out of runs (src/files/): one row per file value. The bytes
-- live in `<data dir>/files/`, named by their SHA-256, never by `name` (what
-- a client sent, neutralised, for display only); several rows may share one
-- blob. `execution_id` is NULL for an upload no run has used yet; the pruner
-- drops a row once its execution is gone, an unused upload after a day, and
-- a blob once no row names its sha256.
CREATE TABLE files (
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  execution_id TEXT,
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX files_by_sha256 ON files (sha256);
CREATE INDEX files_by_created ON files (created_at);
