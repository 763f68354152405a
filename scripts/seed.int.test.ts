import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/tests/databases';

// Web servers on several hosts may start at once on a fresh PostgreSQL database: their seeds run
// one after the other (an advisory lock), so none of them fails on the rows another one wrote.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

describe('seeding from several hosts at once on PostgreSQL', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('postgres');
  });
  afterAll(() => t.drop());

  it('seeds once: every seed succeeds and the account and admin exist once', async () => {
    const env = {
      NODE_ENV: 'test' as const,
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: t.url,
      LIFEBOAT_DEMO: '0',
      LIFEBOAT_ADMIN_EMAIL: 'ops@example.com',
      LIFEBOAT_ADMIN_PASSWORD: 'correct horse battery staple 42',
    };
    const seeds = [0, 1, 2].map((i) =>
      run(process.execPath, ['--import', 'tsx', 'scripts/seed.ts'], {
        cwd: root,
        env: { ...env, DATA_DIR: path.join(t.dataDir, `host-${i}`) },
      }),
    );
    const outcomes = await Promise.allSettled(seeds);
    expect(
      outcomes.map((o) =>
        o.status === 'rejected' ? String((o.reason as { stderr?: string }).stderr ?? o.reason) : 'ok',
      ),
    ).toEqual(['ok', 'ok', 'ok']);
    const created = outcomes.filter(
      (o) => o.status === 'fulfilled' && o.value.stdout.includes('Created admin ops@example.com'),
    );
    expect(created).toHaveLength(1);
    expect(await t.db.providerAccount.count({ where: { name: 'Local host' } })).toBe(1);
    expect(await t.db.user.count({ where: { email: 'ops@example.com' } })).toBe(1);
  });
});
