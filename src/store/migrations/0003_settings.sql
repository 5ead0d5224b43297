-- Server-wide settings as JSON by key (LLM providers, …). No secrets:
-- settings refer to credentials in the vault by id.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
