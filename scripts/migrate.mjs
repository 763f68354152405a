// `prisma migrate deploy` needs the native schema engine, which cannot be downloaded here; this
// applies the same migration folders through the wasm engine, with the same _prisma_migrations
// bookkeeping, so either tool can take over a database the other one migrated.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { databaseUrl, providerFromUrl } from './lib/schemas.mjs';
import { openSchemaEngine, readMigrationsList, noFilters } from './lib/schema-engine.mjs';

// better-sqlite3 creates the file but not its folder (e.g. a fresh DATA_DIR).
function ensureSqliteDir(url) {
  const file = url.replace(/^file:/, '').split('?')[0];
  if (file && file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

/** Applies pending migrations to `url`; resolves to the names applied now ([] if none). */
export async function migrate(url = databaseUrl()) {
  const provider = providerFromUrl(url);
  if (provider === 'sqlite') ensureSqliteDir(url);
  const migrationsList = await readMigrationsList(provider);
  const { engine, close } = await openSchemaEngine(url);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const applied = await migrate();
    for (const name of applied) console.log(`applied ${name}`);
    if (applied.length === 0) console.log('database is up to date');
  } catch (err) {
    console.error(`migrate failed: ${err?.message ?? err}`);
    process.exitCode = 1;
  }
}
