import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Two projects: unit tests (pure functions, no database, no clock) beside the code as *.test.ts,
// and integration tests (*.int.test.ts) that run against a real SQLite file and a real PostgreSQL.
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // 'server-only' throws outside React Server Components; tests call the server code directly.
      'server-only': path.resolve(import.meta.dirname, 'tests/server-only-stub.ts'),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{lib,app,components,cli}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{lib,app,scripts}/**/*.int.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Integration files share one PostgreSQL server; running them one at a time keeps the
          // two cores for the work under test.
          fileParallelism: false,
        },
      },
    ],
  },
});
