import { describe, expect, it } from 'vitest';
import { allows, grantableRoles, refusal, roleAtLeast, type Action } from './permissions';

const kActions: Action[] = ['read', 'run', 'build', 'manage'];
const allowed = (role: string | null) => kActions.filter((a) => allows(role, a));

describe('permissions', () => {
  it('follows the server: viewers read and run, editors also build, admins and owners also manage', () => {
    expect(allowed('viewer')).toEqual(['read', 'run']);
    expect(allowed('editor')).toEqual(['read', 'run', 'build']);
    expect(allowed('admin')).toEqual(['read', 'run', 'build', 'manage']);
    expect(allowed('owner')).toEqual(['read', 'run', 'build', 'manage']);
  });

  it('allows nothing to a missing or unknown role', () => {
    expect(allowed(null)).toEqual([]);
    expect(allowed(undefined as unknown as null)).toEqual([]);
    expect(allowed('superuser')).toEqual([]);
    expect(roleAtLeast('superuser', 'viewer')).toBe(false);
  });

  it('words a refusal as the server does', () => {
    expect(refusal('viewer', 'build')).toBe('Your role (viewer) may not build in this workspace');
  });

  it('grants no role above the caller’s own', () => {
    expect(grantableRoles('owner')).toEqual(['viewer', 'editor', 'admin', 'owner']);
    expect(grantableRoles('admin')).toEqual(['viewer', 'editor', 'admin']);
    expect(grantableRoles('viewer')).toEqual(['viewer']);
    expect(grantableRoles(null)).toEqual([]);
  });
});
