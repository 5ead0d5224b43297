-- Triggers (issue 12): schedules, webhooks and forms that start runs of a
-- pipeline on their own. `token` is the secret of a webhook's or form's URL.
-- A schedule's `next_fire_at` is the tick it waits for (NULL when paused);
-- claiming a tick inserts its `trigger_fires` row, unique per
-- (trigger, fire_time), so that one process fires it however many share
-- the database.
CREATE TABLE triggers (
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  pipeline_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  config TEXT NOT NULL,
  inputs TEXT NOT NULL,
  token TEXT,
  next_fire_at INTEGER,
  last_fired_at INTEGER,
  last_execution_id TEXT,
  last_error TEXT,
  fire_count INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX triggers_by_token ON triggers (token) WHERE token IS NOT NULL;
CREATE INDEX triggers_by_pipeline ON triggers (workspace_id, pipeline_id);
CREATE INDEX triggers_due ON triggers (next_fire_at) WHERE next_fire_at IS NOT NULL;

CREATE TABLE trigger_fires (
  trigger_id TEXT NOT NULL,
  fire_time INTEGER NOT NULL,
  claimed_at INTEGER NOT NULL,
  PRIMARY KEY (trigger_id, fire_time)
);

-- A webhook delivery's Idempotency-Key and the answer its first delivery got;
-- `status` stays NULL while that first delivery is being answered.
CREATE TABLE idempotency_keys (
  trigger_id TEXT NOT NULL,
  key TEXT NOT NULL,
  status INTEGER,
  content_type TEXT,
  body TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (trigger_id, key)
);

-- What started each execution (manual, api, editor, retry, cli, schedule,
-- webhook, form, error_pipeline) and which trigger, if one did.
ALTER TABLE executions ADD COLUMN trigger TEXT NOT NULL DEFAULT 'api';
ALTER TABLE executions ADD COLUMN trigger_id TEXT;
