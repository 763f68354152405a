import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/lib/db/client';
import { parseInstanceListQuery } from '@/lib/schemas/instances';
import { ensureLocalAccount } from '@/lib/seed/demo';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { signInAs } from '@/tests/session';
import { readInstanceList, readOverview } from './instances';

// The pages at 100,000 instances: the overview and the last page of the list under every sort
// answer, and what they send does not grow with the number of instances (its size at 1,000 and
// at 100,000 differs only by the digits of the counts). Sizes, not times: the timings are the web
// benchmark's (npm run bench -- web).

vi.mock('next-auth', async (original) => ({
  ...(await original<typeof import('next-auth')>()),
  getServerSession: async () => (await import('@/tests/session')).testSession(),
}));

const HOUR = 3_600_000;
const SORTS = ['label', 'status', 'region', 'plan', 'usage', 'backups', 'created'] as const;
// Rows per insert: under SQLite's and PostgreSQL's limits on parameters per statement.
const CHUNK = 2_000;

/** Instances from..to: half the member's team, most with backups on in every state of health. */
async function seed(db: Db, accountId: string, teams: [string, string], from: number, to: number) {
  const now = Date.now();
  for (let start = from; start < to; start += CHUNK) {
    const data = [];
    for (let i = start; i < Math.min(to, start + CHUNK); i += 1) {
      const enabled = i % 10 !== 0;
      data.push({
        accountId,
        teamId: teams[i % 2],
        label: `host-${String(i).padStart(6, '0')}`,
        region: ['eu-central', 'us-east'][i % 2],
        plan: ['small', 'medium', 'large'][i % 3],
        status: i % 7 === 0 ? ('offline' as const) : ('running' as const),
        primaryUsedBytes: BigInt((i % 9) * 1024 ** 3),
        backupsEnabled: enabled,
        backupsEnabledAt: enabled ? new Date(now - (i % 4 === 0 ? 1 : 72) * HOUR) : null,
        lastBackupAt: enabled && i % 3 !== 0 ? new Date(now - (i % 5 === 0 ? 40 : 2) * HOUR) : null,
        lastBackupFailed: enabled && i % 11 === 0,
      });
    }
    await db.instance.createMany({ data });
  }
}

describe.each(PROVIDERS)('the pages at 100,000 instances on %s', (provider) => {
  let t: TestDatabase;
  let accountId: string;
  let teams: [string, string];
  const sizes = new Map<string, number>();
  const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

  async function measure(tag: string) {
    for (const who of ['admin', 'member']) {
      signInAs(who);
      const overview = await readOverview();
      expect(overview.backupProblemCount).toBeGreaterThan(0);
      sizes.set(`${tag} ${who} overview`, bytes(overview));
      for (const sort of SORTS)
        for (const dir of ['asc', 'desc']) {
          const first = await readInstanceList(parseInstanceListQuery({ sort, dir }));
          const last = await readInstanceList(parseInstanceListQuery({ sort, dir, page: String(first.pageCount) }));
          expect(last.page).toBe(first.pageCount);
          expect(last.items.length).toBe(first.total - (first.pageCount - 1) * 20);
          sizes.set(`${tag} ${who} ${sort} ${dir} last`, bytes(last));
        }
      const problems = await readInstanceList(parseInstanceListQuery({ health: 'problem', page: '99999' }));
      expect(problems.items.length).toBeGreaterThan(0);
      sizes.set(`${tag} ${who} problems last`, bytes(problems));
    }
  }

  beforeAll(async () => {
    t = await openAppDatabase(provider);
    accountId = (await ensureLocalAccount(t.db)).id;
    const [a, b] = await Promise.all([
      t.db.team.create({ data: { name: 'Ours' } }),
      t.db.team.create({ data: { name: 'Theirs', backupsRequired: true } }),
    ]);
    teams = [a.id, b.id];
    await t.db.user.create({
      data: { id: 'admin', email: 'admin@example.com', name: 'Admin', passwordHash: 'x', isAdmin: true },
    });
    await t.db.user.create({
      data: {
        id: 'member',
        email: 'member@example.com',
        name: 'Member',
        passwordHash: 'x',
        memberships: { create: { teamId: a.id, role: 'member' } },
      },
    });
  }, 60_000);
  afterAll(async () => {
    signInAs(null);
    await closeAppDatabase(t);
  });

  it('answers the overview and every last list page, with the same sizes at 1,000 and 100,000', async () => {
    await seed(t.db, accountId, teams, 0, 1_000);
    await measure('1k');
    await seed(t.db, accountId, teams, 1_000, 100_000);
    await measure('100k');
    for (const [key, small] of sizes) {
      if (!key.startsWith('1k ')) continue;
      const large = sizes.get(key.replace(/^1k /, '100k '))!;
      // Only counts (a few more digits each) and labels of the same length change.
      expect(Math.abs(large - small), key).toBeLessThan(400);
      expect(large, key).toBeLessThan(64 * 1024);
    }
  }, 600_000);
});
