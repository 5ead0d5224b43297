-- The embedded job queue (DESIGN §13): one row per execution that has not
-- finished. A worker leases a row (owner, lease_expires_at, generation + 1),
-- renews the lease while it runs, and deletes the row in the transaction that
-- records the result. A row whose lease expired is taken over, once.
CREATE TABLE jobs (
  execution_id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  pipeline_id TEXT NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  run_concurrency INTEGER,                -- runs of this pipeline at once; NULL: no limit
  seq INTEGER NOT NULL,                   -- FIFO within a priority
  payload TEXT NOT NULL,                  -- the Job as JSON
  owner TEXT,                             -- the worker holding the lease; NULL while queued
  lease_expires_at INTEGER,               -- ms since the epoch
  generation INTEGER NOT NULL DEFAULT 0   -- fencing: a new lease, a new generation
);
CREATE INDEX jobs_waiting ON jobs (priority DESC, seq) WHERE owner IS NULL;
CREATE INDEX jobs_by_owner ON jobs (owner, lease_expires_at);
CREATE INDEX jobs_by_pipeline ON jobs (workspace_id, pipeline_id);
CREATE INDEX jobs_by_seq ON jobs (seq);
