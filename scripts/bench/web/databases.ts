// A throwaway, migrated database per run: a SQLite file in the run's folder, or a PostgreSQL
// database on the local server (TEST_POSTGRES_URL, as the tests use), dropped afterwards.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { migrate } from '../../migrate.mjs';
import type { DatabaseKind } from './options';

const PG_ADMIN_URL = process.env.TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

export type BenchDatabase = { kind: DatabaseKind; url: string; dataDir: string; drop: () => Promise<void> };

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Why PostgreSQL cannot be used here, or null when it can. */
export async function postgresUnavailable(): Promise<string | null> {
  try {
    await admin((c) => c.query('SELECT 1'));
    return null;
  } catch (error) {
    return `PostgreSQL at ${new URL(PG_ADMIN_URL).host} does not answer (${(error as Error).message})`;
  }
}

export async function createBenchDatabase(kind: DatabaseKind, base: string, size: number): Promise<BenchDatabase> {
  const dataDir = path.join(base, `${kind}-${size}`);
  await fs.mkdir(dataDir, { recursive: true });
  let url = `file:${path.join(dataDir, 'lifeboat.db')}`;
  let dropDatabase = async () => {};
  if (kind === 'postgres') {
    const name = `lifeboat_webbench_${size}_${randomBytes(3).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDatabase = () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {});
  }
  await migrate(url);
  return {
    kind,
    url,
    dataDir,
    drop: async () => {
      await dropDatabase();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
