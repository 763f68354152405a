import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '@/lib/generated/sqlite/client';
import { PrismaClient as PostgresClient } from '@/lib/generated/postgres/client';
import { databaseProvider, databaseUrl, type DatabaseProvider } from '@/lib/config/env';
import { inTurns } from './sqlite-turns';
import { baseClient, currentUnitClient } from './unit-of-work';

// One data model, two generated clients: Prisma checks that the driver adapter matches the
// schema's provider, so each database gets the client generated for it. Their APIs are the
// same, so the rest of the app types everything against the SQLite one.
export type Db = SqliteClient;

const providers = new WeakMap<object, DatabaseProvider>();

/** Which database a client talks to (queries differ slightly, e.g. case-insensitive search). */
export function providerOf(client: Db): DatabaseProvider {
  return providers.get(baseClient(client)) ?? 'sqlite';
}

export function createDb(url = databaseUrl()): Db {
  const provider = databaseProvider(url);
  const client =
    provider === 'postgres'
      ? (new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db)
      : sqliteClient(url.replace(/^file:/, ''));
  providers.set(client, provider);
  return client;
}

function sqliteClient(file: string): Db {
  // The busy timeout rides out short write locks taken by another process (the worker); within
  // this process every query and transaction takes its turn (lib/db/sqlite-turns.ts).
  return new SqliteClient({ adapter: inTurns(new PrismaBetterSqlite3({ url: file, timeout: 5000 }), file) });
}

const globalForDb = globalThis as unknown as { lifeboatDb?: Db };

/**
 * The process-wide client (kept on globalThis so dev reloads do not open new pools); inside a
 * server action, that action's unit of work on it (lib/db/unit-of-work.ts).
 */
export function db(): Db {
  const unit = currentUnitClient();
  if (unit) return unit;
  globalForDb.lifeboatDb ??= createDb();
  return globalForDb.lifeboatDb;
}
