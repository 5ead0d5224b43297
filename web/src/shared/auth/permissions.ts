import { kRoles, type Role } from '../api/accountTypes';

/**
 * What a caller may do in a workspace, as the server decides it
 * (src/auth/roles.cpp, `least_role_for`): viewers read and run, editors also
 * build, admins and owners also manage members, invites, API keys,
 * credentials and settings. The server stays the authority; the editor asks
 * here only so it does not offer what would be refused.
 */
export type Action = 'read' | 'run' | 'build' | 'manage';

const kLeastRole: Record<Action, Role> = {
  read: 'viewer',
  run: 'viewer',
  build: 'editor',
  manage: 'admin',
};

/** Whether `role` is at least `least`; an unknown or missing role is below every role. */
export function roleAtLeast(role: string | null | undefined, least: Role): boolean {
  const rank = kRoles.indexOf(role as Role);
  return rank >= 0 && rank >= kRoles.indexOf(least);
}

/** Whether `role` may do `action`. Example: `allows('viewer', 'run')` is true, `allows('viewer', 'build')` false. */
export function allows(role: string | null | undefined, action: Action): boolean {
  return roleAtLeast(role, kLeastRole[action]);
}

/** Why `role` may not do `action`, worded as the server's 403. */
export function refusal(role: string | null | undefined, action: Action): string {
  return `Your role (${role ?? 'none'}) may not ${action} in this workspace`;
}

/** The roles `role` may hand out: none above its own (the server refuses those). */
export function grantableRoles(role: string | null | undefined): Role[] {
  return kRoles.filter((r) => roleAtLeast(role, r));
}
