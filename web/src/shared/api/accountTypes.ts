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
  user: { id: string; email: string; name: string; created_at?: string };
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

export interface Provider {
  name: string;
  kind: string;
  base_url: string;
  has_api_key?: boolean;
  credential?: string;
  source?: 'environment' | 'settings';
}

export interface ModelInfo {
  id: string;
  details?: unknown;
}
