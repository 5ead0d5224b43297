-- Server admins (like n8n's instance owner): they manage what belongs to the
-- server rather than to a workspace (server LLM providers, sign-up, the
-- metrics token). The first account ever created is one.
ALTER TABLE users ADD COLUMN server_admin INTEGER NOT NULL DEFAULT 0;

UPDATE users SET server_admin = 1
WHERE id = (SELECT id FROM users ORDER BY created_at, rowid LIMIT 1);

-- Settings that belong to one workspace (its LLM providers, …), JSON by key.
-- No secrets: settings refer to the workspace's own credentials by id.
CREATE TABLE workspace_settings (
  workspace_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, key)
);
