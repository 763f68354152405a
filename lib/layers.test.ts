import { describe, expect, it } from 'vitest';
import { importTarget, isUnder, parseSource, readSource, sourceFiles } from '@/tests/imports';

// Which layer may import which (the README's Architecture section draws it). The ground floor (the domain's pure rules and errors, the
// database client, sign-in and permissions, secrets, configuration) is what everything else
// stands on, so it imports nothing from the floors above: a rule or an error it needs lives on
// the ground floor too. Type-only imports count: a type from above ties the floor to it as much
// as a value does. Test files are left out, since they exercise the floors above through it.

const ABOVE_GROUND = [
  'lib/services',
  'lib/jobs',
  'lib/operations',
  'lib/actions',
  'lib/data',
  'lib/providers',
  'lib/storage',
  'app',
  'components',
];

// What only the app's entrances (pages, their reads and their actions) may import.
const APP_FLOOR = ['lib/actions', 'lib/data', 'app', 'components'];

type Rule = { layer: string; mayNotImport: string[] };

const RULES: Rule[] = [
  { layer: 'lib/domain', mayNotImport: ABOVE_GROUND },
  { layer: 'lib/db', mayNotImport: ABOVE_GROUND },
  { layer: 'lib/auth', mayNotImport: ABOVE_GROUND },
  { layer: 'lib/crypto', mayNotImport: ABOVE_GROUND },
  { layer: 'lib/config', mayNotImport: ABOVE_GROUND },
  // The job engine knows no domain: what a job does comes in through the operations.
  {
    layer: 'lib/jobs',
    mayNotImport: [
      'lib/domain',
      'lib/services',
      'lib/providers',
      'lib/operations',
      'lib/storage',
      'lib/actions',
      'lib/data',
      'app',
      'components',
    ],
  },
  // The chunk store is an engine of its own: folders, objects, chunks and manifests, configured
  // from outside; what an image or a backup is belongs to the floors that use it.
  {
    layer: 'lib/storage',
    mayNotImport: [
      'lib/domain',
      'lib/db',
      'lib/auth',
      'lib/crypto',
      'lib/schemas',
      'lib/disks',
      ...ABOVE_GROUND.filter((l) => l !== 'lib/storage'),
    ],
  },
  { layer: 'lib/disks', mayNotImport: ['lib/domain', 'lib/db', 'lib/auth', 'lib/config', ...ABOVE_GROUND] },
  // Providers are where instances are: they know the stores and the database, not the app's work.
  { layer: 'lib/providers', mayNotImport: ['lib/services', 'lib/jobs', 'lib/operations', ...APP_FLOOR] },
  // Input schemas are read by forms too: no database, no work.
  {
    layer: 'lib/schemas',
    mayNotImport: ['lib/db', 'lib/services', 'lib/jobs', 'lib/operations', 'lib/storage', ...APP_FLOOR],
  },
  // Services (short work) and operations (long work, as jobs) are one floor: either may call the
  // other (a deletion queues a collection, a capture checks the service's preflight).
  { layer: 'lib/services', mayNotImport: APP_FLOOR },
  { layer: 'lib/operations', mayNotImport: APP_FLOOR },
  // What /metrics reports is read from the rows, like a service: pages and actions call it, not the reverse.
  { layer: 'lib/metrics', mayNotImport: APP_FLOOR },
  // Pages read through lib/data and change through lib/actions; neither calls the other.
  { layer: 'lib/data', mayNotImport: ['lib/actions', 'app', 'components'] },
  { layer: 'lib/actions', mayNotImport: ['lib/data', 'app', 'components'] },
];

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

function offenders(rule: Rule): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(rule.layer).filter((f) => !isTest(f))) {
    for (const { specifier } of readSource(file).imports) {
      const target = importTarget(file, specifier);
      if (target !== null && rule.mayNotImport.some((folder) => isUnder(target, folder))) {
        found.push(`${file} imports ${specifier}`);
      }
    }
  }
  return found;
}

describe('layers', () => {
  for (const rule of RULES) {
    it(`${rule.layer} imports nothing from ${rule.mayNotImport.join(', ')}`, () => {
      expect(sourceFiles(rule.layer).length).toBeGreaterThan(0);
      expect(offenders(rule)).toEqual([]);
    });
  }

  it('sees every kind of import a layer check depends on', () => {
    const source = parseSource(
      'lib/db/example.ts',
      [
        "'use server';",
        "import type { A } from '@/lib/services/a';",
        "import { type B, type C } from '../services/b';",
        "import { d, type E } from '../jobs/d';",
        "import 'server-only';",
        "export { f } from './f';",
        "export type { G } from '@/lib/storage/g';",
        "const h = await import('@/lib/operations/h');",
        "const i = require('node:fs');",
        "// import { j } from '@/lib/actions/j';",
        'const k = \'import { k } from "@/lib/data/k"\';',
      ].join('\n'),
    );
    expect(source.directives).toEqual(['use server']);
    expect(source.imports).toEqual([
      { specifier: '@/lib/services/a', typeOnly: true },
      { specifier: '../services/b', typeOnly: true },
      { specifier: '../jobs/d', typeOnly: false },
      { specifier: 'server-only', typeOnly: false },
      { specifier: './f', typeOnly: false },
      { specifier: '@/lib/storage/g', typeOnly: true },
      { specifier: '@/lib/operations/h', typeOnly: false },
      { specifier: 'node:fs', typeOnly: false },
    ]);
    expect(importTarget('lib/db/example.ts', '../services/b')).toBe('lib/services/b');
    expect(importTarget('lib/db/example.ts', './f')).toBe('lib/db/f');
    expect(importTarget('lib/db/example.ts', 'zod')).toBeNull();
  });
});
