import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';
import { importTarget, isUnder, readSource, resolveImport, sourceFiles } from '@/tests/imports';

// A client component ('use client') and everything it imports end up in the browser's bundle, so
// none of it may reach server code: the database, the services, Node's modules, or anything
// marked `import 'server-only'` (the build would fail on some, and ship server code on others).
// Walks the import graph from every client file in app/ and components/, following local imports
// that are not erased (`import type` is). A 'use server' file is the exception: a client imports
// it as a reference to a server action, and Next sends only the reference, so the walk stops there.

const NODE_BUILTINS = new Set(builtinModules);

// Layers that are server code through and through: the database, the rules over its rows, the
// page reads, the job engine, the long operations and the chunk stores.
const SERVER_LAYERS = [
  'lib/db',
  'lib/generated',
  'lib/services',
  'lib/data',
  'lib/jobs',
  'lib/operations',
  'lib/storage',
];

/** Why a module may not be in a client bundle, or null if it may. */
function serverOnlyReason(file: string): string | null {
  const layer = SERVER_LAYERS.find((folder) => isUnder(file, folder));
  if (layer) return `is server code in ${layer}`;
  for (const { specifier, typeOnly } of readSource(file).imports) {
    if (typeOnly) continue;
    if (specifier === 'server-only') return "imports 'server-only'";
    if (specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0])) return `imports ${specifier}`;
    if (specifier === 'prisma' || specifier.startsWith('@prisma/')) return `imports ${specifier}`;
    const target = importTarget(file, specifier);
    if (target !== null && SERVER_LAYERS.some((folder) => isUnder(target, folder))) return `imports ${specifier}`;
  }
  return null;
}

/** Each server module a client file reaches, with the chain of imports that leads to it. */
function serverModulesReached(entry: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>([entry]);
  const queue: string[][] = [[entry]];
  while (queue.length > 0) {
    const chain = queue.shift()!;
    const file = chain[chain.length - 1];
    const reason = serverOnlyReason(file);
    if (reason) {
      found.push(`${chain.join(' -> ')} (${reason})`);
      continue;
    }
    for (const { specifier, typeOnly } of readSource(file).imports) {
      if (typeOnly) continue;
      const next = resolveImport(file, specifier);
      if (next === null || seen.has(next)) continue;
      seen.add(next);
      if (readSource(next).directives.includes('use server')) continue;
      queue.push([...chain, next]);
    }
  }
  return found;
}

const clientFiles = () =>
  sourceFiles('app', 'components').filter((file) => readSource(file).directives.includes('use client'));

describe('client bundles', () => {
  it('finds the client components', () => {
    expect(clientFiles().length).toBeGreaterThan(10);
  });

  it('follows imports to the server code behind them (so an empty list below means something)', () => {
    // Store configuration is server code only through the modules it imports (secrets, paths).
    expect(serverModulesReached('lib/config/store-env.ts')).toContainEqual(
      expect.stringMatching(/^lib\/config\/store-env\.ts -> \S+ \(imports node:/),
    );
  });

  it('pull no server module into the browser', () => {
    expect(clientFiles().flatMap(serverModulesReached)).toEqual([]);
  });
});
