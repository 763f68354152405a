import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProviderRefusal } from './errors';
import { descriptorOf, PROVIDER_DESCRIPTORS, PROVIDER_KINDS } from './kinds';

// Only lib/providers knows which providers exist. Everywhere else a provider is reached through
// the registry, asked about through its traits and named through its descriptor's sentences, so
// a new provider is a folder here and no edit anywhere else.
//
// The rule this test enforces, in lib, app, components and scripts:
// - Outside lib/providers, no file names a registered provider: neither its kind nor its label,
//   in code, strings or comments, case-insensitive, as a word, where identifiers count as words
//   split at their humps and underscores ("FooApiError", "DEFAULT_FOO_API", "foo-fake", "Foo's").
// - A name that is also an everyday word here (ORDINARY_WORDS: "local" is the opposite of remote,
//   a trait, and the local in "local time") counts only where it names the provider in code: as a
//   quoted string ('local') or as the provider's folder (providers/local).
// - Exempt are the tests (*.test.ts, *.int.test.ts; tests/ and e2e/ are not searched at all: a
//   test configures an account of a kind and checks what that provider does), the generated
//   Prisma client, and lib/seed (the demo and bulk data configure accounts with a kind and write
//   the disks of the provider they seed).

const ROOT = path.resolve(import.meta.dirname, '../..');
const SEARCHED = ['lib', 'app', 'components', 'scripts'];
const EXEMPT = [/^lib\/providers\//, /^lib\/generated\//, /^lib\/seed\//, /\.test\.tsx?$/];
const ORDINARY_WORDS = new Set(['local']);
const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;

/** The words of a line, identifiers split at humps, underscores and dashes, lower case. */
export function wordsOf(line: string): string[] {
  return line
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether a line names the provider called `name` (a kind or a label) under the rule above. */
export function names(line: string, name: string): boolean {
  const lower = name.toLowerCase();
  const quoted = new RegExp(`(['"\`])${escape(lower)}\\1|providers/${escape(lower)}\\b`, 'i');
  if (quoted.test(line)) return true;
  if (ORDINARY_WORDS.has(lower)) return false;
  const wanted = wordsOf(name);
  const words = wordsOf(line);
  return words.some((_, i) =>
    wanted.every((w, j) => words[i + j] === w || (j === wanted.length - 1 && words[i + j] === `${w}s`)),
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (SOURCE.test(entry.name) && !EXEMPT.some((re) => re.test(rel))) out.push(rel);
  }
  return out;
}

describe('the provider registry', () => {
  it('registers each kind once, with a label and the sentence of its entry on the account form', () => {
    expect(new Set(PROVIDER_KINDS).size).toBe(PROVIDER_KINDS.length);
    for (const d of PROVIDER_DESCRIPTORS) {
      expect(d.label).not.toBe('');
      expect(d.copy.choice).not.toBe('');
      expect(descriptorOf(d.kind)).toBe(d);
    }
    expect(() => descriptorOf('no-such-kind')).toThrow('Provider "no-such-kind" is not available');
  });

  it('checks credentials with each kind’s own schema', () => {
    for (const d of PROVIDER_DESCRIPTORS) expect(typeof d.credentials.schema.safeParse).toBe('function');
  });

  it('has neutral errors that say what went wrong, on which field', () => {
    expect(new ProviderRefusal({ message: 'No.', field: 'apiToken' })).toMatchObject({
      message: 'No.',
      field: 'apiToken',
    });
  });
});

describe('naming a provider', () => {
  it('finds a name as a word, inside identifiers too, and an everyday word only as code', () => {
    expect(names('throw new FooApiError()', 'Foo')).toBe(true);
    expect(names('const url = DEFAULT_FOO_API;', 'foo')).toBe(true);
    expect(names("// Foo's backups, two Foos", 'Foo')).toBe(true);
    expect(names('import { x } from "@/tests/foo-fake";', 'foo')).toBe(true);
    expect(names('a food truck', 'Foo')).toBe(false);
    expect(names("where: { kind: 'local' }", 'local')).toBe(true);
    expect(names("import { diskPath } from '@/lib/providers/local';", 'local')).toBe(true);
    expect(names('<LocalTime iso={at} /> in local time', 'local')).toBe(false);
  });

  it('happens only in lib/providers (and tests, seed data)', () => {
    const providerNames = [...new Set(PROVIDER_DESCRIPTORS.flatMap((d) => [d.kind, d.label.toLowerCase()]))];
    const offenders: string[] = [];
    for (const file of SEARCHED.flatMap(sourceFiles)) {
      const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        const named = providerNames.filter((n) => names(line, n));
        if (named.length) offenders.push(`${file}:${i + 1} names ${named.join(', ')}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
