import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './client';
import { databaseProvider, type DatabaseProvider } from '@/lib/config/env';

// Compares the committed migration folders with the rows `prisma migrate deploy` (and our
// offline migrate script, which keeps the same table) wrote when it applied them.

function migrationsDir(provider: DatabaseProvider): string {
  return path.join(process.cwd(), 'prisma', provider, 'migrations');
}

function committedMigrations(provider: DatabaseProvider): string[] {
  const dir = migrationsDir(provider);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort();
}

export async function migrationStatus(db: Db, provider = databaseProvider()) {
  const committed = committedMigrations(provider);
  let applied: string[] = [];
  try {
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    applied = rows.map((r) => r.migration_name);
  } catch {
    // No bookkeeping table yet: nothing is applied.
  }
  const pending = committed.filter((name) => !applied.includes(name));
  return { applied: pending.length === 0 && committed.length > 0, pending, count: applied.length };
}
