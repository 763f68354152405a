import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { actionNames } from '@/lib/actions/safe-action';
import { initialState, type ActionState } from '@/lib/actions/state';
import type { Db } from '@/lib/db/client';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { ACTION_CASES } from '@/tests/permissions/action-cases';
import { READ_CASES } from '@/tests/permissions/read-cases';
import { ALLOWED, createWorld, ROLES, snapshot, type Role, type World } from '@/tests/permissions/world';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { signInAs } from '@/tests/session';

// The permission matrix (lib/auth/permissions.ts): every server action and every page read, called as an
// admin, a member of the owning team, a member of another team, a viewer of the owning team and
// nobody, against a real database. The actions and reads are enumerated from the code, so one
// added without a rule here fails. Only the session lookup is stood in for (which user a cookie
// names; the real cookie path is covered end to end), plus Next's request-scoped helpers.

vi.mock('next-auth', async (original) => (await import('@/tests/next-request')).nextAuth(await original()));
vi.mock('next/headers', async () => (await import('@/tests/next-request')).nextHeaders('192.0.2.7'));
vi.mock('next/cache', async () => (await import('@/tests/next-request')).nextCache);

const root = path.resolve(import.meta.dirname, '../..');
const actionModules = import.meta.glob<Record<string, unknown>>(['../actions/*.ts', '!../actions/*.test.ts'], {
  eager: true,
});
const dataModules = import.meta.glob<Record<string, unknown>>(['../data/*.ts', '!../data/*.test.ts'], { eager: true });

/** Exported server actions: every export of a 'use server' file under lib/actions, by audit name. */
function exportedActions() {
  const found = new Map<string, (prev: ActionState, input: Record<string, unknown>) => Promise<ActionState>>();
  for (const [file, mod] of Object.entries(actionModules)) {
    const source = fs.readFileSync(path.resolve(import.meta.dirname, file), 'utf8');
    if (!/^\s*['"]use server['"]/.test(source)) continue;
    for (const [exportName, fn] of Object.entries(mod)) {
      const name = actionNames.get(fn as never);
      // An export not made with action() would skip the session check and the audit entry.
      if (!name) throw new Error(`${file}: ${exportName} is not made with action() from lib/actions/safe-action.ts`);
      found.set(name, fn as never);
    }
  }
  return found;
}

/** Exported page reads: every function exported from lib/data, as "<file>.<export>". */
function exportedReads() {
  const found = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  for (const [file, mod] of Object.entries(dataModules)) {
    for (const [exportName, fn] of Object.entries(mod))
      if (typeof fn === 'function') found.set(`${path.basename(file, '.ts')}.${exportName}`, fn as never);
  }
  return found;
}

const actions = exportedActions();
const reads = exportedReads();

// What a refusal may say: it must be about who is asking, not some other failure.
const REFUSAL = /session has ended|was not found, or you do not have access|Viewers can look|Only administrators/;
const isNextRedirect = (e: unknown) =>
  typeof (e as { digest?: unknown })?.digest === 'string' &&
  /^NEXT_(REDIRECT|HTTP_ERROR)/.test((e as { digest: string }).digest);

async function actAs(w: World, role: Role) {
  if (role === 'anonymous') {
    signInAs(null);
    return;
  }
  const user = await w.db.user.findUniqueOrThrow({ where: { id: w.users[role].id } });
  signInAs(user.id, user.sessionVersion);
}

const lastAudit = (db: Db) => db.auditEntry.findFirst({ orderBy: [{ at: 'desc' }, { id: 'desc' }] });

it('has a rule for every server action and every page read in the code, and none for code that is gone', () => {
  expect([...actions.keys()].sort()).toEqual(Object.keys(ACTION_CASES).sort());
  expect([...reads.keys()].sort()).toEqual(Object.keys(READ_CASES).sort());
  expect(fs.existsSync(path.join(root, 'lib/actions/safe-action.ts'))).toBe(true);
});

describe.each(PROVIDERS)('permission matrix on %s', (provider) => {
  let t: TestDatabase;
  let w: World;

  beforeAll(async () => {
    t = await openAppDatabase(provider);
    w = await createWorld(t.db);
  });
  afterAll(async () => {
    await closeAppDatabase(t);
  });

  const actionRows = Object.entries(ACTION_CASES).flatMap(([name, c]) =>
    ROLES.map((role) => [name, role, ALLOWED[c.rule].includes(role) ? 'allowed' : 'refused'] as const),
  );
  it.each(actionRows)('action %s as %s: %s', async (name, role, expected) => {
    const input = await ACTION_CASES[name].arrange(w, role);
    await actAs(w, role);
    const before = await snapshot(t.db);
    const state = await actions.get(name)!(initialState, input);
    const audit = await lastAudit(t.db);
    expect(audit).toMatchObject({
      action: name,
      actorId: role === 'anonymous' ? null : w.users[role].id,
      ip: '192.0.2.7',
    });
    if (expected === 'allowed') {
      expect(state, state.message).toMatchObject({ ok: true });
      expect(audit?.result).toBe('success');
    } else {
      expect(state.ok).toBe(false);
      expect(state.message).toMatch(REFUSAL);
      expect(audit?.result).toBe('refused');
      expect(await snapshot(t.db)).toBe(before);
    }
  });

  const readRows = Object.entries(READ_CASES).flatMap(([name, c]) =>
    ROLES.map((role) => [name, role, ALLOWED[c.rule].includes(role) ? 'allowed' : 'refused'] as const),
  );
  it.each(readRows)('read %s as %s: %s', async (name, role, expected) => {
    const c = READ_CASES[name];
    const { args, arranged } = await c.arrange(w);
    await actAs(w, role);
    let shown = false;
    try {
      shown = await c.shown(await reads.get(name)!(...args), arranged);
    } catch (error) {
      if (!isNextRedirect(error)) throw error;
    }
    expect(shown ? 'allowed' : 'refused').toBe(expected);
  });
});
