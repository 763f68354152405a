import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_ROUTES } from '@/lib/api/routes';
import { recordAudit } from '@/lib/db/audit';
import { callApi, type ApiAnswer } from '@/tests/api-client';
import { tokenFor } from '@/tests/api-tokens';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { ACTION_CASES } from '@/tests/permissions/action-cases';
import {
  ALLOWED,
  backupOf,
  createWorld,
  imageOf,
  instanceOf,
  queuedJobOf,
  ROLES,
  snapshot,
  teamOf,
  type Role,
  type World,
} from '@/tests/permissions/world';
import type { Permission } from '@/lib/auth/permissions';

// The permission matrix over /api/v1: every endpoint, called with a read-and-write token of an
// admin, a member of the owning team, a member of another team and a viewer, and with no token.
// An endpoint over an action uses that action's case of the server-action matrix (the same
// rule, the same arrangement) and must leave the same audit entry; a read must show the fresh
// resource to exactly those its rule allows. An endpoint without a case here fails the test.

vi.mock('next-auth', async (original) => (await import('@/tests/next-request')).nextAuth(await original()));
vi.mock('next/headers', async () => (await import('@/tests/next-request')).nextHeaders('192.0.2.10'));
vi.mock('next/cache', async () => (await import('@/tests/next-request')).nextCache);

const IP = '203.0.113.77';

/** Endpoints over a server action, by the action's audit name. */
const OVER_ACTION: Record<string, string> = {
  captureImage: 'image.capture',
  updateImage: 'image.update',
  deleteImage: 'image.delete',
  deployImage: 'image.deploy',
  deleteInstance: 'instance.delete',
  enableBackups: 'backups.enable',
  cancelBackups: 'backups.cancel',
  updateBackupSchedule: 'backups.schedule',
  takeSnapshot: 'backups.snapshot',
  restoreBackup: 'backups.restore',
  deployBackup: 'backups.deploy',
  verifyBackup: 'backups.verify',
  cancelJob: 'job.cancel',
  revokeToken: 'token.revoke',
  createUser: 'user.create',
  disableUser: 'user.disable',
  enableUser: 'user.enable',
  createTeam: 'team.create',
  setTeamQuota: 'team.quota',
  setTeamPolicy: 'team.policy',
  addTeamMember: 'team.member-add',
  setTeamMemberRole: 'team.member-role',
  removeTeamMember: 'team.member-remove',
};

type ReadCase = {
  rule: Permission;
  arrange: (w: World) => Promise<{ path: string; shown: (a: ApiAnswer) => boolean }>;
};
const ok = (a: ApiAnswer) => a.status === 200;
const lists = (key: string, id: string) => (a: ApiAnswer) =>
  ok(a) && (a.body[key] as { id: string }[]).some((x) => x.id === id);

const READS: Record<string, ReadCase> = {
  listInstances: {
    rule: 'read',
    arrange: async (w) => {
      const i = await instanceOf(w);
      return { path: `/instances?q=${i.label}`, shown: lists('items', i.id) };
    },
  },
  getInstance: { rule: 'read', arrange: async (w) => ({ path: `/instances/${(await instanceOf(w)).id}`, shown: ok }) },
  listImages: {
    rule: 'read',
    arrange: async (w) => {
      const image = await imageOf(w);
      return { path: '/images', shown: lists('images', image.id) };
    },
  },
  listBackups: {
    rule: 'read',
    arrange: async (w) => ({ path: `/instances/${(await backupOf(w)).instance.id}/backups`, shown: ok }),
  },
  listJobs: {
    rule: 'read',
    arrange: async (w) => {
      const job = await queuedJobOf(w);
      return { path: '/jobs?limit=200', shown: lists('jobs', job.id) };
    },
  },
  getJob: { rule: 'read', arrange: async (w) => ({ path: `/jobs/${(await queuedJobOf(w)).id}`, shown: ok }) },
  listAuditEntries: {
    rule: 'read',
    arrange: async (w) => {
      const entry = await recordAudit(w.db, {
        action: 'image.update',
        result: 'success',
        teamId: w.teamA,
        targetLabel: w.unique('api-entry'),
      });
      return { path: `/audit?team=${w.teamA}&size=200`, shown: lists('entries', entry.id) };
    },
  },
  getMe: { rule: 'self', arrange: async () => ({ path: '/me', shown: ok }) },
  listTokens: { rule: 'self', arrange: async () => ({ path: '/tokens', shown: ok }) },
  listUsers: { rule: 'admin', arrange: async () => ({ path: '/admin/users', shown: ok }) },
  listTeams: { rule: 'admin', arrange: async () => ({ path: '/admin/teams', shown: ok }) },
  getTeam: { rule: 'admin', arrange: async (w) => ({ path: `/admin/teams/${(await teamOf(w)).id}`, shown: ok }) },
};

const REFUSAL =
  /was not found, or you do not have access|Viewers can look|Only administrators|Send a personal access token/;

it('has a case for every endpoint of the API', () => {
  const covered = [...Object.keys(OVER_ACTION), ...Object.keys(READS)].sort();
  expect(API_ROUTES.map((r) => r.operationId).sort()).toEqual(covered);
  for (const name of Object.values(OVER_ACTION)) expect(ACTION_CASES[name], name).toBeDefined();
});

describe.each(PROVIDERS)('API permission matrix on %s', (provider) => {
  let t: TestDatabase;
  let w: World;
  const tokens: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    t = await openAppDatabase(provider);
    w = await createWorld(t.db);
    for (const role of ROLES) {
      if (role === 'anonymous') continue;
      tokens[role] = await tokenFor(t.db, w.users[role].id);
      // Used once from the matrix's address, so "last used" is not the change a refusal makes.
      await callApi('GET', '/tokens', { token: tokens[role], ip: IP });
    }
  });
  afterAll(async () => {
    await closeAppDatabase(t);
  });

  const routeOf = (operationId: string) => API_ROUTES.find((r) => r.operationId === operationId)!;
  /** The request for an action's input: path parameters from it, the rest as the body. */
  function request(operationId: string, input: Record<string, unknown>) {
    const route = routeOf(operationId);
    const body = { ...input };
    const path = route.path.replace(/\{([A-Za-z]+)\}/g, (_m, name: string) => {
      const value = String(body[name]);
      delete body[name];
      return encodeURIComponent(value);
    });
    return { method: route.method, path, body };
  }

  const actionRows = Object.entries(OVER_ACTION).flatMap(([op, name]) =>
    ROLES.map((role) => [op, role, ALLOWED[ACTION_CASES[name].rule].includes(role) ? 'allowed' : 'refused'] as const),
  );
  it.each(actionRows)('%s as %s: %s', async (op, role, expected) => {
    const name = OVER_ACTION[op];
    const { method, path, body } = request(op, await ACTION_CASES[name].arrange(w, role));
    const before = await snapshot(t.db);
    const answer = await callApi(method, path, { token: tokens[role] ?? null, body, ip: IP });
    if (expected === 'allowed') {
      expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    } else {
      expect([401, 403, 404]).toContain(answer.status);
      expect(answer.body.error.message).toMatch(REFUSAL);
      expect(await snapshot(t.db)).toBe(before);
    }
    if (role === 'anonymous') return;
    const entry = await t.db.auditEntry.findFirst({
      where: { action: name },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
    });
    expect(entry).toMatchObject({
      actorId: w.users[role].id,
      ip: IP,
      result: expected === 'allowed' ? 'success' : 'refused',
    });
  });

  const readRows = Object.entries(READS).flatMap(([op, c]) =>
    ROLES.map((role) => [op, role, ALLOWED[c.rule].includes(role) ? 'allowed' : 'refused'] as const),
  );
  it.each(readRows)('%s as %s: %s', async (op, role, expected) => {
    const { path, shown } = await READS[op].arrange(w);
    const answer = await callApi('GET', path, { token: tokens[role] ?? null, ip: IP });
    expect(shown(answer) ? 'allowed' : 'refused', JSON.stringify(answer.body).slice(0, 300)).toBe(expected);
    if (role === 'anonymous') expect(answer.status).toBe(401);
  });
});
