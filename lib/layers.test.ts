import { describe, expect, it } from 'vitest';
import { importTarget, isUnder, parseSource, readSource, sourceFiles } from '@/tests/imports';

// Which layer may import which. The ground floor (the domain's pure rules and errors, the
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
];

// Rules that do not hold yet, because the move that makes them hold is still under way: their
// offenders are not failed on (take the layer off the list to see them). The test below fails once
// a pending rule holds, so that taking it off this list, and from then on enforcing the rule, is
// part of the change that made it hold.
const PENDING: string[] = [];

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
  for (const rule of RULES.filter((r) => !PENDING.includes(r.layer))) {
    it(`${rule.layer} imports nothing from ${rule.mayNotImport.join(', ')}`, () => {
      expect(sourceFiles(rule.layer).length).toBeGreaterThan(0);
      expect(offenders(rule)).toEqual([]);
    });
  }

  for (const rule of RULES.filter((r) => PENDING.includes(r.layer))) {
    it(`${rule.layer}'s rule is still pending (take it off PENDING once it holds)`, () => {
      expect(offenders(rule).length, `${rule.layer} now keeps its rule: take it off PENDING`).toBeGreaterThan(0);
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
