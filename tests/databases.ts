import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '../scripts/migrate.mjs';

// Integration tests run every data-layer test on both databases Lifeboat supports: a fresh
// SQLite file and a throwaway PostgreSQL database, each migrated by the same script as `npm start`.

const PG_ADMIN_URL = process.env.TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = {
  name: 'sqlite' | 'postgres';
  url: string;
  db: Db;
  dataDir: string;
  drop: () => Promise<void>;
};

export const PROVIDERS = ['sqlite', 'postgres'] as const;

export async function createPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `lifeboat_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A migrated, empty database of the given kind with its own data directory for disk files. */
export async function createTestDatabase(name: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `lifeboat-${name}-`));
  const made =
    name === 'postgres'
      ? await createPostgres()
      : { url: `file:${path.join(dataDir, 'lifeboat.db')}`, drop: async () => {} };
  await migrate(made.url);
  const db = createDb(made.url);
  return {
    name,
    url: made.url,
    db,
    dataDir,
    drop: async () => {
      await db.$disconnect();
      await made.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** An account and a team with fixed ids ('acc', 'team'), for tests that need rows pointing at them. */
export async function createOwners(db: Db) {
  await db.providerAccount.upsert({ where: { id: 'acc' }, update: {}, create: { id: 'acc', name: 'Test account' } });
  await db.team.upsert({ where: { id: 'team' }, update: {}, create: { id: 'team', name: 'Test team' } });
}

/**
 * A migrated database with the fixed owners for the tests of one describe block, filled by
 * `fill`, dropped after them; the returned function gives it to the tests.
 */
export function useOwnedDatabase(
  provider: 'sqlite' | 'postgres',
  fill: (db: Db) => Promise<unknown>,
): () => TestDatabase {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    await createOwners(t.db);
    await fill(t.db);
  }, 120_000);
  afterAll(() => t?.drop());
  return () => t!;
}
