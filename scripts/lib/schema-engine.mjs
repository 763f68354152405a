// The native schema engine cannot be downloaded here, so migrations run on Prisma's WebAssembly
// schema engine, talking to the database through the same driver adapters the app uses.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { providerFromUrl, migrationsDir } from './schemas.mjs';

export const noFilters = { externalTables: [], externalEnums: [] };

let bindings; // loaded once per process: a promise, so concurrent callers share it

// The package's entry does `import * as wasm from "./x.wasm"`, which Node 20 only allows
// behind --experimental-wasm-modules. Doing by hand what that entry does avoids the flag.
function loadBindings() {
  return (bindings ??= instantiate());
}

async function instantiate() {
  const bgUrl = import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bg = await import(bgUrl);
  const wasm = await WebAssembly.compile(await readFile(new URL('schema_engine_bg.wasm', bgUrl)));
  // The engine arms 10 s timers (timeouts around its database calls) and has no clearTimeout
  // import, so every command would keep node alive 10 s after it finished. Unref'd, they still
  // fire while something else (a socket, a server) keeps the process up; firing after the engine
  // is freed was checked harmless.
  const glue = { ...bg };
  for (const key of Object.keys(bg).filter((k) => k.startsWith('__wbg_setTimeout_'))) {
    glue[key] = (fn, ms) => bg[key](fn, ms).unref();
  }
  // The wasm imports its glue under the glue file's own specifier ('./schema_engine_bg.js').
  const imports = {};
  for (const { module: name } of WebAssembly.Module.imports(wasm)) imports[name] = glue;
  const instance = await WebAssembly.instantiate(wasm, imports);
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bg;
}

// SchemaEngine.new connects at once, even for a diff between two schema texts. The PostgreSQL
// connector only asks for the server version on start, so for offline diffs we answer that
// and refuse anything else: a diff can then never read or change a real database.
// (The result was checked identical to a diff made with a live PostgreSQL connection.)
function offlinePgFactory() {
  const refuse = async (q) => {
    throw new Error(`offline schema engine: refused ${q?.sql ?? 'query'}`);
  };
  const adapter = {
    provider: 'postgres',
    adapterName: 'lifeboat-offline',
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    queryRaw: async (q) => {
      if (!/server_version_num/.test(q.sql)) return refuse(q);
      // columnTypes: Boolean=5, Text=7, Int32=0 (ColumnTypeEnum of driver-adapter-utils)
      return {
        columnNames: ['exists', 'version', 'numeric_version'],
        columnTypes: [5, 7, 0],
        rows: [[true, 'PostgreSQL 16.0 (offline)', 160000]],
      };
    },
    executeRaw: refuse,
    executeScript: refuse,
    startTransaction: refuse,
    dispose: async () => {},
  };
  return {
    provider: 'postgres',
    adapterName: adapter.adapterName,
    connect: async () => adapter,
    connectToShadowDb: async () => adapter,
  };
}

function adapterFactory(url) {
  return providerFromUrl(url) === 'postgres'
    ? new PrismaPg({ connectionString: url })
    : new PrismaBetterSqlite3({ url });
}

// Returns { engine, close }. We keep every connection the engine opens so close() can dispose
// them: the engine does not, and an open pg pool would keep node alive.
async function open(factory) {
  const { SchemaEngine } = await loadBindings();
  const opened = [];
  const tracking = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const a = await factory.connect();
      opened.push(a);
      return a;
    },
    connectToShadowDb: async () => {
      const a = await factory.connectToShadowDb();
      opened.push(a);
      return a;
    },
  };
  const log = process.env.DEBUG ? (line) => console.error('[schema-engine]', line) : () => {};
  const engine = await SchemaEngine.new({ datamodels: undefined }, log, bindMigrationAwareSqlAdapterFactory(tracking));
  const close = async () => {
    engine.free();
    for (const a of opened.splice(0)) await a.dispose?.().catch(() => {});
  };
  return { engine, close };
}

export const openSchemaEngine = (url) => open(adapterFactory(url));

// For diffs between schema texts: no database is touched (SQLite gets a throwaway in-memory one).
export const openOfflineSchemaEngine = (provider) =>
  open(provider === 'postgres' ? offlinePgFactory() : new PrismaBetterSqlite3({ url: ':memory:' }));

// The engine wants the migrations folder already read; this mirrors how the Prisma CLI reads it
// (same names and order), so checksums and names match what `prisma migrate deploy` records.
export async function readMigrationsList(provider) {
  const baseDir = migrationsDir(provider);
  const lockfile = {
    path: 'migration_lock.toml',
    content: await readFile(path.join(baseDir, 'migration_lock.toml'), 'utf8').catch(() => null),
  };
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = [];
  for (const e of entries.filter((d) => d.isDirectory())) {
    const content = await readFile(path.join(baseDir, e.name, 'migration.sql'), 'utf8').then(
      (value) => ({ tag: 'ok', value }),
      (err) => ({ tag: 'error', value: err.message }),
    );
    migrationDirectories.push({ path: e.name, migrationFile: { path: 'migration.sql', content } });
  }
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return { baseDir, lockfile, migrationDirectories, shadowDbInitScript: '' };
}
