// Generates both Prisma clients (lib/generated/{sqlite,postgres}) from the committed provider
// schemas. Runs as postinstall, so it must work offline and on a fresh clone.
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot, providers, schemaPath, renderSchemas } from './lib/schemas.mjs';

function prismaCli() {
  try {
    const pkgJson = createRequire(import.meta.url).resolve('prisma/package.json');
    return path.join(path.dirname(pkgJson), 'build', 'index.js');
  } catch {
    return null; // e.g. `npm ci --omit=dev`: prisma is a devDependency
  }
}

function run(cli, provider) {
  const env = {
    ...process.env,
    // generate does not use the schema engine, but tries to download it unless this points
    // at an existing file; the download host is unreachable here.
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1', // no version-check call home from an offline machine
  };
  const args = [cli, 'generate', '--schema', path.relative(projectRoot, schemaPath(provider))];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ provider, code, out }));
  });
}

export async function generate() {
  const cli = prismaCli();
  if (!cli) {
    console.warn('generate: prisma CLI not installed, skipping client generation');
    return true;
  }
  // The provider schemas are committed; render them only if someone deleted them.
  if (!providers.every((p) => existsSync(schemaPath(p)))) renderSchemas();
  const results = await Promise.all(providers.map((p) => run(cli, p)));
  let ok = true;
  for (const { provider, code, out } of results) {
    if (code === 0) console.log(`generated Prisma client lib/generated/${provider}`);
    else {
      ok = false;
      console.error(`prisma generate failed for ${provider}:\n${out}`);
    }
  }
  return ok;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!(await generate())) process.exitCode = 1;
}
