// One data model (prisma/models.prisma), two databases: Prisma needs a schema (and a migrations
// folder) per provider, so the provider schemas are rendered from the models file instead of
// being kept by hand. This file also owns "which database are we talking to".
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const providers = ['sqlite', 'postgres'];

// Folder names say "postgres"; Prisma's datasource and migration_lock.toml say "postgresql".
export const prismaProvider = { sqlite: 'sqlite', postgres: 'postgresql' };

export const schemaPath = (p) => path.join(projectRoot, 'prisma', p, 'schema.prisma');
export const migrationsDir = (p) => path.join(projectRoot, 'prisma', p, 'migrations');
const modelsPath = path.join(projectRoot, 'prisma', 'models.prisma');

export function providerFromUrl(url) {
  return /^postgres(ql)?:\/\//.test(url ?? '') ? 'postgres' : 'sqlite';
}

// Resolved against the project root, not the cwd, so `npm run` from a subfolder, next start
// and the scripts all agree on where the database file is.
function defaultDatabaseUrl() {
  return `file:${path.resolve(projectRoot, process.env.DATA_DIR || './data', 'lifeboat.db')}`;
}

export function databaseUrl() {
  return process.env.DATABASE_URL || defaultDatabaseUrl();
}

// Prisma 7 keeps the URL out of the schema (it comes from prisma.config.ts or the adapter).
// The client output is relative to the schema file: prisma/<p>/ -> lib/generated/<p>.
export function renderSchema(p, models = readFileSync(modelsPath, 'utf8')) {
  return `// generated from prisma/models.prisma by npm run migration:new; do not edit

datasource db {
  provider = "${prismaProvider[p]}"
}

generator client {
  provider     = "prisma-client"
  output       = "../../lib/generated/${p}"
  runtime      = "nodejs"
  moduleFormat = "esm"
}

${models.trimEnd()}
`;
}

export function renderSchemas() {
  const models = readFileSync(modelsPath, 'utf8');
  for (const p of providers) {
    mkdirSync(path.dirname(schemaPath(p)), { recursive: true });
    writeFileSync(schemaPath(p), renderSchema(p, models));
  }
}
