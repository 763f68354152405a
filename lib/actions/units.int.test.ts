import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { updateImageAction } from '@/lib/actions/images';
import { initialState, type ActionState } from '@/lib/actions/state';
import { renameTeamAction, setQuotaAction } from '@/lib/actions/teams';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { createWorld, imageOf, teamOf, type World } from '@/tests/permissions/world';
import { signInAs } from '@/tests/session';

// Many actions at once, through the real action functions, while other callers' transactions
// write and roll back: every change that committed has its audit entry and every success entry
// its change, a refusal leaves its entry and nothing else, and nothing of the rolled-back
// transactions remains. On SQLite, where the app has one connection, this is what the client's
// turns (lib/db/sqlite-turns.ts) and the action's unit of work (lib/db/unit-of-work.ts) are for.

vi.mock('next-auth', async (original) => (await import('@/tests/next-request')).nextAuth(await original()));
vi.mock('next/headers', async () => (await import('@/tests/next-request')).nextHeaders('192.0.2.9'));
vi.mock('next/cache', async () => (await import('@/tests/next-request')).nextCache);

// Some success entries cannot be written (as if the database refused them at that moment): the
// change they record must then not stay either, and the action ends with a failure entry.
const unwritable = vi.hoisted(() => new Set<string>());
vi.mock('@/lib/db/audit', async (original) => {
  const real = await original<typeof import('@/lib/db/audit')>();
  return {
    ...real,
    recordAudit: async (...[db, entry]: Parameters<typeof real.recordAudit>) => {
      if (entry.result === 'success' && unwritable.has(entry.targetId ?? '')) throw new Error('The entry was lost.');
      return real.recordAudit(db, entry);
    },
  };
});

const RENAMES = 17;
const QUOTAS = 17;
const IMAGES = 16;
const CLASHES = 5;
const ROLLBACKS = 20;
const UNWRITABLE = 4;

describe.each(PROVIDERS)('concurrent actions beside rolled-back transactions on %s', (provider) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await openAppDatabase(provider);
    w = await createWorld(t.db);
    signInAs(w.users.admin.id);
  });
  afterAll(() => closeAppDatabase(t));

  /** A transaction of someone else's that writes a team, an image label and an audit entry, then gives up. */
  const doomed = (i: number, imageId: string) =>
    t.db.$transaction(
      async (tx) => {
        await tx.team.create({ data: { name: `ghost-${i}` } });
        await tx.image.update({ where: { id: imageId }, data: { label: `ghost-${i}` } });
        await tx.auditEntry.create({ data: { action: 'ghost.write', result: 'success', detail: `ghost ${i}` } });
        await sleep(3 + (i % 4) * 4);
        throw new Error(`ghost ${i} gives up`);
      },
      { maxWait: 30_000, timeout: 30_000 },
    );

  it('commits each change with its entry, each refusal alone, and nothing of the rolled-back ones', async () => {
    const renamed = await Promise.all(Array.from({ length: RENAMES }, () => teamOf(w)));
    const quotaed = await Promise.all(Array.from({ length: QUOTAS }, () => teamOf(w)));
    const clashing = await Promise.all(Array.from({ length: CLASHES * 2 }, () => teamOf(w)));
    for (const team of quotaed.slice(0, UNWRITABLE)) unwritable.add(team.id);
    const images: Awaited<ReturnType<typeof imageOf>>[] = [];
    for (let i = 0; i < IMAGES; i++) images.push(await imageOf(w));

    type Call = { action: string; targetId: string; run: () => Promise<ActionState> };
    const calls: Call[] = [
      ...renamed.map((team, i) => ({
        action: 'team.rename',
        targetId: team.id,
        run: () => renameTeamAction(initialState, { teamId: team.id, name: `Renamed ${i}` }),
      })),
      ...quotaed.map((team, i) => ({
        action: 'team.quota',
        targetId: team.id,
        run: () => setQuotaAction(initialState, { teamId: team.id, maxImages: String(i + 1), maxInstances: '' }),
      })),
      ...images.map((image, i) => ({
        action: 'image.update',
        targetId: image.id,
        run: () => updateImageAction(initialState, { imageId: image.id, label: `Edited ${i}` }),
      })),
      // Two teams at once want each name: one gets it, the other is refused (on PostgreSQL often
      // only at its write, when the first has committed).
      ...clashing.map((team, i) => ({
        action: 'team.rename',
        targetId: team.id,
        run: () => renameTeamAction(initialState, { teamId: team.id, name: `Wanted ${i % CLASHES}` }),
      })),
    ];
    const ghosts = Array.from({ length: ROLLBACKS }, (_, i) => doomed(i, images[i % IMAGES].id));
    const [states, ghostResults] = await Promise.all([
      Promise.all(
        calls.map((call, i) =>
          sleep(i % 7)
            .then(call.run)
            // A failure of ours (not a refusal) reaches the caller as an error, as on an error page.
            .catch((error: Error): ActionState => ({ ok: false, message: error.message })),
        ),
      ),
      Promise.allSettled(ghosts),
    ]);

    expect(ghostResults.every((r) => r.status === 'rejected')).toBe(true);
    const teams = new Map((await t.db.team.findMany()).map((team) => [team.id, team]));
    const labels = new Map((await t.db.image.findMany()).map((image) => [image.id, image.label]));
    const entries = await t.db.auditEntry.findMany({
      where: { action: { in: ['team.rename', 'team.quota', 'image.update'] } },
    });

    // Nothing of the rolled-back transactions.
    expect([...teams.values()].filter((team) => team.name.startsWith('ghost-'))).toEqual([]);
    expect([...labels.values()].filter((label) => label.startsWith('ghost-'))).toEqual([]);
    expect(await t.db.auditEntry.count({ where: { action: 'ghost.write' } })).toBe(0);

    // Each call has exactly one entry, saying how it ended, and its change is there only if it succeeded.
    const applied = (call: Call, i: number) => {
      if (call.action === 'team.quota') return teams.get(call.targetId)!.maxImages === i - RENAMES + 1;
      if (call.action === 'image.update') return labels.get(call.targetId) === `Edited ${i - RENAMES - QUOTAS}`;
      const wanted = i < RENAMES ? `Renamed ${i}` : `Wanted ${(i - RENAMES - QUOTAS - IMAGES) % CLASHES}`;
      return teams.get(call.targetId)!.name === wanted;
    };
    calls.forEach((call, i) => {
      const own = entries.filter((e) => e.action === call.action && e.targetId === call.targetId);
      const label = `${call.action} ${call.targetId}`;
      expect(own, label).toHaveLength(1);
      expect(own[0].result, label).toBe(
        states[i].ok ? 'success' : unwritable.has(call.targetId) ? 'failure' : 'refused',
      );
      expect(applied(call, i), label).toBe(states[i].ok);
    });
    expect(entries).toHaveLength(calls.length);
    // Every call but the clashing ones succeeded, unless its entry could not be written.
    calls
      .slice(0, RENAMES + QUOTAS + IMAGES)
      .forEach((call, i) => expect(states[i].ok).toBe(!unwritable.has(call.targetId)));
    // Of each clashing pair, exactly one won the name.
    const clashStates = states.slice(RENAMES + QUOTAS + IMAGES);
    expect(clashStates.filter((s) => s.ok)).toHaveLength(CLASHES);
    for (let k = 0; k < CLASHES; k++)
      expect([...teams.values()].filter((team) => team.name === `Wanted ${k}`)).toHaveLength(1);
  }, 120_000);
});
