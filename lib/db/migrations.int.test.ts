import Database from 'better-sqlite3';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { createPostgres, PROVIDERS } from '@/tests/databases';
import { migrate } from '../../scripts/migrate.mjs';
import { noFilters, openSchemaEngine, readMigrationsList } from '../../scripts/lib/schema-engine.mjs';

// Migrations that change a column's type carry the rows over (the generated SQL would drop and
// re-add the column on PostgreSQL): a database is migrated to just before such a migration, given
// rows in the old shape, migrated the rest of the way, and read back through the client.

/** Applies the committed migrations that come before the one named `before` (its name without the stamp). */
async function migrateBefore(url: string, provider: 'sqlite' | 'postgres', before: string) {
  const list = await readMigrationsList(provider);
  const at = list.migrationDirectories.findIndex((d: { path: string }) => d.path.endsWith(`_${before}`));
  expect(at, `a migration named ${before}`).toBeGreaterThan(0);
  const migrationDirectories = list.migrationDirectories.slice(0, at);
  const { engine, close } = await openSchemaEngine(url);
  try {
    await engine.applyMigrations({ migrationsList: { ...list, migrationDirectories }, filters: noFilters });
  } finally {
    await close();
  }
}

type Sql = (statement: string, params?: unknown[]) => Promise<void>;

async function rawConnection(
  provider: 'sqlite' | 'postgres',
  url: string,
): Promise<{ run: Sql; end: () => Promise<void> }> {
  if (provider === 'sqlite') {
    const file = new Database(url.replace(/^file:/, ''));
    return {
      run: async (statement, params = []) => void file.prepare(statement).run(...params),
      end: async () => void file.close(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    // Numbered placeholders ($1) on PostgreSQL, question marks on SQLite.
    run: async (statement, params = []) => {
      let n = 0;
      await client.query(
        statement.replace(/\?/g, () => `$${++n}`),
        params,
      );
    },
    end: () => client.end(),
  };
}

describe.each(PROVIDERS)('migrations that carry data over on %s', (provider) => {
  let url: string;
  let drop: () => Promise<void>;
  let db: Db;

  beforeAll(async () => {
    if (provider === 'postgres') {
      ({ url, drop } = await createPostgres());
    } else {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lifeboat-migrations-'));
      url = `file:${path.join(dir, 'lifeboat.db')}`;
      drop = () => fs.rm(dir, { recursive: true, force: true });
    }
    await migrateBefore(url, provider, 'job_json_and_status');
    const raw = await rawConnection(provider, url);
    const now = new Date('2026-12-01T12:00:00Z');
    const at = provider === 'sqlite' ? now.toISOString().replace('Z', '+00:00') : now;
    await raw.run(
      `INSERT INTO "Job" ("id", "kind", "status", "input", "result", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`,
      ['j1', 'image.capture', 'succeeded', '{"imageId":"img1","diskId":"d1"}', '{"storedBytes":42}', at],
    );
    await raw.run(`INSERT INTO "Job" ("id", "kind", "status", "input", "updatedAt") VALUES (?, ?, ?, ?, ?)`, [
      'j2',
      'backup.take',
      'queued',
      '{}',
      at,
    ]);
    await raw.end();

    await migrateBefore(url, provider, 'enums_and_instance_tags');
    const old = await rawConnection(provider, url);
    await old.run(`INSERT INTO "Team" ("id", "name") VALUES ('t1', 'Web')`);
    await old.run(`INSERT INTO "ProviderAccount" ("id", "name", "kind") VALUES ('a1', 'Remote', 'linode')`);
    await old.run(
      `INSERT INTO "User" ("id", "email", "name", "passwordHash", "updatedAt") VALUES ('u1', 'v@x.test', 'V', 'x', ?)`,
      [at],
    );
    await old.run(`INSERT INTO "Membership" ("userId", "teamId", "role") VALUES ('u1', 't1', 'viewer')`);
    const instance = `INSERT INTO "Instance" ("id", "accountId", "teamId", "label", "region", "plan", "status", "tags", "updatedAt") VALUES (?, 'a1', 't1', ?, 'us-east', 'p', ?, ?, ?)`;
    await old.run(instance, ['i1', 'web-1', 'running', 'web,prod,web', at]);
    await old.run(instance, ['i2', 'db-1', 'offline', '', at]);
    await old.run(instance, ['i3', 'solo', 'restoring', 'db', at]);
    await old.run(
      `INSERT INTO "Backup" ("id", "instanceId", "teamId", "region", "kind", "slot", "status", "diskId", "updatedAt") VALUES ('b1', 'i1', 't1', 'us-east', 'automatic', 'weekly', 'successful', 'd1', ?)`,
      [at],
    );
    await old.end();

    await migrateBefore(url, provider, 'instance_backup_facts');
    const late = await rawConnection(provider, url);
    const time = (iso: string) => (provider === 'sqlite' ? iso.replace('Z', '+00:00') : new Date(iso));
    const backup = `INSERT INTO "Backup" ("id", "instanceId", "teamId", "region", "kind", "status", "diskId", "takenAt", "createdAt", "updatedAt") VALUES (?, ?, 't1', 'us-east', 'automatic', ?, 'd1', ?, ?, ?)`;
    const [day1, day2] = ['2026-11-30T10:00:00.000Z', '2026-12-01T10:00:00.000Z'];
    await late.run(backup, ['b2', 'i1', 'successful', time(day2), time(day2), at]);
    await late.run(backup, ['b3', 'i2', 'successful', time(day1), time(day1), at]);
    await late.run(backup, ['b4', 'i2', 'failed', null, time(day2), at]);
    await late.end();

    await migrate(url);
    db = createDb(url);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await drop?.();
  });

  it('keeps each job status, input and result as typed values', async () => {
    const jobs = await db.job.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, status: true, input: true, result: true },
    });
    expect(jobs).toEqual([
      { id: 'j1', status: 'succeeded', input: { imageId: 'img1', diskId: 'd1' }, result: { storedBytes: 42 } },
      { id: 'j2', status: 'queued', input: {}, result: null },
    ]);
    const created = await db.job.create({ data: { kind: 'test.default' } });
    expect(created).toMatchObject({ status: 'queued', input: {}, result: null });
  });

  it('splits the comma-separated tags into one row per tag, and keeps every enum value', async () => {
    const tags = await db.instanceTag.findMany({ orderBy: [{ instanceId: 'asc' }, { tag: 'asc' }] });
    expect(tags).toEqual([
      { instanceId: 'i1', tag: 'prod' },
      { instanceId: 'i1', tag: 'web' },
      { instanceId: 'i3', tag: 'db' },
    ]);
    expect(await db.instance.findMany({ where: { tags: { some: { tag: 'web' } } }, select: { id: true } })).toEqual([
      { id: 'i1' },
    ]);
    expect(
      await db.instance
        .findMany({ orderBy: { id: 'asc' }, select: { status: true } })
        .then((r) => r.map((i) => i.status)),
    ).toEqual(['running', 'offline', 'restoring']);
    expect(await db.membership.findFirstOrThrow()).toMatchObject({ role: 'viewer' });
    expect(await db.backup.findFirstOrThrow()).toMatchObject({
      kind: 'automatic',
      slot: 'weekly',
      status: 'successful',
    });
    // The defaults still hold after the columns changed type.
    const member = await db.membership.create({
      data: { user: { create: { email: 'm@x.test', name: 'M', passwordHash: 'x' } }, team: { connect: { id: 't1' } } },
    });
    expect(member.role).toBe('member');
  });

  it("backfills each instance's backup health from its backups: newest success, and whether the latest attempt failed", async () => {
    const rows = await db.instance.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, lastBackupAt: true, lastBackupFailed: true },
    });
    expect(rows).toEqual([
      { id: 'i1', lastBackupAt: new Date('2026-12-01T10:00:00.000Z'), lastBackupFailed: false },
      { id: 'i2', lastBackupAt: new Date('2026-11-30T10:00:00.000Z'), lastBackupFailed: true },
      { id: 'i3', lastBackupAt: null, lastBackupFailed: false },
    ]);
  });
});
