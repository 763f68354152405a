import { describe, expect, it } from 'vitest';
import { authorize, can, displayRole, readableTeamIds, type Caller } from './permissions';

const base = { id: 'u', email: 'u@x', name: 'U' };
const admin: Caller = { ...base, isAdmin: true, memberships: [] };
const member: Caller = { ...base, isAdmin: false, memberships: [{ teamId: 't1', role: 'member' }] };
const viewer: Caller = { ...base, isAdmin: false, memberships: [{ teamId: 't1', role: 'viewer' }] };

describe('permissions', () => {
  it('lets admins read and write every team and run the console', () => {
    expect(readableTeamIds(admin)).toBeNull();
    expect(can(admin, 'read', 'any')).toBe(true);
    expect(can(admin, 'write', 'any')).toBe(true);
    expect(can(admin, 'admin')).toBe(true);
  });
  it('scopes members to their teams', () => {
    expect(readableTeamIds(member)).toEqual(['t1']);
    expect(can(member, 'write', 't1')).toBe(true);
    expect(can(member, 'read', 't2')).toBe(false);
    expect(can(member, 'write', 't2')).toBe(false);
    expect(can(member, 'admin')).toBe(false);
  });
  it('lets viewers read only', () => {
    expect(can(viewer, 'read', 't1')).toBe(true);
    expect(can(viewer, 'write', 't1')).toBe(false);
  });
  it('keeps resources without a team for admins', () => {
    expect(can(member, 'read', null)).toBe(false);
    expect(can(admin, 'read', null)).toBe(true);
  });
  it('lets anyone signed in manage themselves, and no one signed out do anything', () => {
    expect([admin, member, viewer].every((c) => can(c, 'self'))).toBe(true);
    expect((['read', 'write', 'admin', 'self'] as const).some((p) => can(null, p, 't1'))).toBe(false);
  });
  it('refuses with a message that does not reveal other teams', () => {
    expect(() => authorize(member, 'read', 't2', 'The image')).toThrow(
      'The image was not found, or you do not have access to it.',
    );
    expect(() => authorize(viewer, 'write', 't1')).toThrow('Viewers can look but not change anything in this team.');
    expect(() => authorize(member, 'admin')).toThrow('Only administrators can do that.');
    expect(() => authorize(null, 'self')).toThrow('Your session has ended. Sign in again.');
  });
  it('names the strongest role', () => {
    expect([displayRole(admin), displayRole(member), displayRole(viewer)]).toEqual(['admin', 'member', 'viewer']);
  });
});
