import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The job engine runs any kind of job and knows none of them: what a job means (its audit entry,
// its clean-up, its name) comes from lib/operations/ through hooks the app wires in at start.
const DOMAIN = /from '@\/lib\/(domain|services|providers|operations|storage)[/']/;

describe('the job engine', () => {
  it('imports nothing from the domain', () => {
    const dir = path.join(import.meta.dirname);
    const offending = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .filter((name) => DOMAIN.test(fs.readFileSync(path.join(dir, name), 'utf8')));
    expect(offending).toEqual([]);
  });
});
