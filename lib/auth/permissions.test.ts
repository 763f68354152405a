import { describe, expect, it } from 'vitest';
import { canRead, canWrite, displayRole, readableTeamIds, type Caller } from './permissions';

const base = { id: 'u', email: 'u@x', name: 'U' };
const admin: Caller = { ...base, isAdmin: true, memberships: [] };
const member: Caller = { ...base, isAdmin: false, memberships: [{ teamId: 't1', role: 'member' }] };
const viewer: Caller = { ...base, isAdmin: false, memberships: [{ teamId: 't1', role: 'viewer' }] };

describe('permissions', () => {
  it('lets admins read and write every team', () => {
    expect(readableTeamIds(admin)).toBeNull();
    expect(canRead(admin, 'any')).toBe(true);
    expect(canWrite(admin, 'any')).toBe(true);
  });
  it('scopes members to their teams', () => {
    expect(readableTeamIds(member)).toEqual(['t1']);
    expect(canWrite(member, 't1')).toBe(true);
    expect(canRead(member, 't2')).toBe(false);
    expect(canWrite(member, 't2')).toBe(false);
  });
  it('lets viewers read only', () => {
    expect(canRead(viewer, 't1')).toBe(true);
    expect(canWrite(viewer, 't1')).toBe(false);
  });
  it('names the strongest role', () => {
    expect([displayRole(admin), displayRole(member), displayRole(viewer)]).toEqual(['admin', 'member', 'viewer']);
  });
});
