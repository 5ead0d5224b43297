-- Workspaces, pipelines with their versions, executions and node runs.
-- Times are integer milliseconds since the Unix epoch (UTC); JSON is text.
-- Every owned row carries workspace_id and every query filters on it.

CREATE TABLE workspaces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

INSERT INTO workspaces (id, name, created_at)
VALUES ('ws_default', 'Default', unixepoch() * 1000);

CREATE TABLE pipelines (
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

-- list_pipelines: newest edit first.
CREATE INDEX pipelines_by_updated ON pipelines (workspace_id, updated_at DESC, id);

CREATE TABLE pipeline_versions (
  workspace_id TEXT NOT NULL,
  pipeline_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, pipeline_id, version)
);

CREATE TABLE executions (
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  pipeline_id TEXT NOT NULL,
  pipeline_version INTEGER NOT NULL,
  status TEXT NOT NULL,
  inputs TEXT NOT NULL,
  outputs TEXT,
  error TEXT,
  retry_of TEXT,
  created_at INTEGER NOT NULL,
  finished_at INTEGER,
  PRIMARY KEY (workspace_id, id)
);

-- The id columns make the indexes match `ORDER BY created_at DESC, id DESC`
-- exactly, so paging never sorts.
CREATE INDEX executions_by_created ON executions (workspace_id, created_at DESC, id DESC);
CREATE INDEX executions_by_pipeline
  ON executions (workspace_id, pipeline_id, created_at DESC, id DESC);
-- Only unfinished executions, for interrupt_unfinished() after a crash; the
-- WHERE clause must match the query's word for word for SQLite to use it.
CREATE INDEX executions_unfinished ON executions (status) WHERE status IN ('queued', 'running');

CREATE TABLE node_runs (
  workspace_id TEXT NOT NULL,
  execution_id TEXT NOT NULL,
  node_id TEXT NOT NULL,
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  started_at INTEGER,
  finished_at INTEGER,
  output TEXT,
  error TEXT,
  logs TEXT,
  handles TEXT,
  PRIMARY KEY (workspace_id, execution_id, node_id)
);
