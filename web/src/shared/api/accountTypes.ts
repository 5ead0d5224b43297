import type { JsonObject, JsonSchema } from './types';

/** Roles from least to most: viewers read and run, editors build, admins manage, owners own. */
export type Role = 'viewer' | 'editor' | 'admin' | 'owner';
export const kRoles: Role[] = ['viewer', 'editor', 'admin', 'owner'];

export interface WorkspaceRef {
  id: string;
  name: string;
  role: Role;
}

/** `GET /api/me`. */
export interface Me {
  /** `server_admin`: manages the server's providers and settings (the first account has it); absent on older servers. */
  user: { id: string; email: string; name: string; created_at?: string; server_admin?: boolean };
  workspace: WorkspaceRef;
  workspaces: WorkspaceRef[];
}

export interface Member {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  joined_at: string;
}

export interface Invite {
  id: string;
  role: Role;
  email: string | null;
  created_at: string;
  expires_at: string;
  /** Only in the creation answer. */
  token?: string;
  path?: string;
}

/**
 * `POST /api/members`: the same answer whether or not the address has an
 * account (it is invited), or an account was made for it (with a password).
 */
export interface AddedMember {
  status: 'invited';
  email: string;
  role: Role;
}

/** `GET /api/me/invitations`: an invitation waiting for the signed-in person's answer. */
export interface Invitation {
  id: string;
  workspace_id: string;
  workspace_name: string;
  role: Role;
  invited_by: string;
  created_at: string;
  expires_at: string;
}

/** `GET /api/auth/invites/{token}`. */
export interface InviteInfo {
  workspace_name?: string;
  role?: Role;
  email?: string | null;
  expires_at?: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scope: 'run' | 'full';
  pipeline_id: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** Only in the creation answer. */
  key?: string;
}

export interface CredentialKind {
  kind: string;
  title: string;
  schema: JsonSchema;
}

/** A stored credential: the names of the fields that are set, never their values. */
export interface Credential {
  id: string;
  name: string;
  kind: string;
  fields: string[];
  created_at: string;
  updated_at: string;
}

export interface CredentialInput {
  name?: string;
  kind?: string;
  data?: JsonObject;
}

/** A provider as it is written: `PUT /api/settings/providers` and `PUT /api/server/providers` take a list of these. */
export interface ProviderInput {
  name: string;
  kind: string;
  base_url: string;
  /** The id of a bearer or API-key credential; left out for none. */
  credential?: string;
}

/** One of this workspace's providers, as its members see it. */
export interface WorkspaceProvider {
  name: string;
  kind: string;
  base_url: string;
  /** "" for none. */
  credential: string;
  has_api_key: boolean;
  source: 'workspace';
}

/** A server provider as a member sees it: its name and kind, nothing of where it is. */
export interface SharedProvider {
  name: string;
  kind: string;
  source: 'server';
}

/**
 * `GET /api/settings/providers`: the workspace's providers, then the
 * server's. A workspace provider named like a server one wins for this
 * workspace's blocks; both are listed.
 */
export type Provider = WorkspaceProvider | SharedProvider;

/** `GET /api/server/providers` (server admins): from the environment (read-only) or kept in the server's settings. */
export interface ServerProvider {
  name: string;
  kind: string;
  base_url: string;
  credential: string;
  has_api_key: boolean;
  source: 'environment' | 'settings';
}

/** `GET /api/server/settings`. The metrics token is never shown back, only whether one is set. */
export interface ServerSettings {
  allow_signup: boolean;
  metrics_token_set: boolean;
}

/** `PUT /api/server/settings`: any of these; `metrics_token: null` clears it. */
export interface ServerSettingsInput {
  allow_signup?: boolean;
  metrics_token?: string | null;
}

export interface ModelInfo {
  id: string;
  details?: unknown;
}
