-- Accounts, memberships, sessions, API keys, the credential vault, invites and
-- the audit log. No secret is kept in the clear: passwords as Argon2id hashes,
-- refresh tokens, API keys and invite tokens as hex SHA-256 hashes, credentials
-- as XChaCha20-Poly1305 ciphertext whose key never enters the database.
-- Times are integer milliseconds since the Unix epoch (UTC) unless said.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,  -- trimmed and lower-cased before it gets here
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  personal_workspace_id TEXT NOT NULL,
  -- Access tokens issued (iat, in seconds) before this are refused: set when
  -- the password changes.
  sessions_valid_after INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE UNIQUE INDEX users_by_email ON users (email);

CREATE TABLE memberships (
  workspace_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);

-- A user's workspaces (login picks one, the workspace switcher lists them).
CREATE INDEX memberships_by_user ON memberships (user_id, workspace_id);

-- One row per refresh token ever issued; a login starts a family, each
-- refresh marks the presented token used and adds the next one to the family.
CREATE TABLE refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  family_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  revoked_at INTEGER
);

CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens (user_id, workspace_id);
CREATE INDEX refresh_tokens_by_expiry ON refresh_tokens (expires_at);

-- A key is `wft_<prefix>_<secret>`: the prefix finds the row (the only lookup
-- that is not scoped by workspace: the key names its workspace), the hash of
-- the whole key proves it.
CREATE TABLE api_keys (
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  prefix TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  created_by TEXT NOT NULL,
  pipeline_id TEXT,
  scope TEXT NOT NULL CHECK (scope IN ('run', 'full')),
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER,
  PRIMARY KEY (workspace_id, id)
);

CREATE UNIQUE INDEX api_keys_by_prefix ON api_keys (prefix);
CREATE INDEX api_keys_by_created ON api_keys (workspace_id, created_at DESC, id DESC);
CREATE INDEX api_keys_by_creator ON api_keys (workspace_id, created_by);

-- `fields` lists the names of the fields that are set (never their values);
-- ciphertext and nonce are base64url text; key_id names the vault key that
-- sealed them (a fingerprint, not the key).
CREATE TABLE credentials (
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  fields TEXT NOT NULL,
  ciphertext TEXT NOT NULL,
  nonce TEXT NOT NULL,
  key_id TEXT NOT NULL,
  created_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

CREATE UNIQUE INDEX credentials_by_name ON credentials (workspace_id, name);

CREATE TABLE invites (
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
  email TEXT,  -- when set, only this address may accept
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  accepted_at INTEGER,
  accepted_by TEXT,
  revoked_at INTEGER,
  PRIMARY KEY (workspace_id, id)
);

CREATE UNIQUE INDEX invites_by_token ON invites (token_hash);
CREATE INDEX invites_by_created ON invites (workspace_id, created_at DESC, id DESC);
CREATE INDEX invites_by_expiry ON invites (expires_at);

-- Newest first by id. workspace_id is NULL for events that belong to no
-- workspace (a failed login with an unknown email). details is a JSON object
-- and never holds a secret.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  workspace_id TEXT,
  created_at INTEGER NOT NULL,
  actor_user_id TEXT,
  actor_api_key_id TEXT,
  action TEXT NOT NULL,
  target TEXT,
  remote TEXT,
  details TEXT
);

CREATE INDEX audit_log_by_workspace ON audit_log (workspace_id, id DESC);
CREATE INDEX audit_log_by_time ON audit_log (created_at);
