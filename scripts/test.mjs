// `npm test`: every suite, in order of speed, stopping at the first that fails.
//   lint         ESLint (typescript-eslint, React hooks, Next.js, jsx-a11y): no error, no warning
//   format       Prettier: every file as it would write it
//   unit         pure rules, no database and no clock
//   integration  the data layer on a real SQLite file and a real PostgreSQL (TEST_POSTGRES_URL)
//   e2e          Playwright in Debian's Chromium against `next start` with the demo seeded
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const suites = [
  ['typecheck', bin('tsc'), ['--noEmit']],
  ['lint', bin('eslint'), ['--max-warnings', '0', '.']],
  ['format', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  ['unit', bin('vitest'), ['run', '--project', 'unit']],
  ['integration', bin('vitest'), ['run', '--project', 'integration']],
  ['e2e', bin('playwright'), ['test']],
];
const only = process.argv.slice(2);

for (const [name, cmd, args] of suites) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(cmd, args, {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (result.status !== 0) {
    console.error(`\n${name} failed.`);
    process.exit(result.status ?? 1);
  }
}
console.log('\nAll suites passed.');
