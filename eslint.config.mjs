// Lint: Next.js's own rules (core web vitals, React, React hooks, jsx-a11y, import) with
// typescript-eslint's recommended set; formatting is Prettier's alone (eslint-config-prettier
// turns off every rule that would argue with it).
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import prettier from 'eslint-config-prettier/flat';
import { defineConfig, globalIgnores } from 'eslint/config';

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  // jsx-a11y's strict set: Next's config enables only a handful of its rules.
  { files: ['**/*.tsx'], rules: jsxA11y.flatConfigs.strict.rules },
  {
    rules: {
      // `_name` is how the code says "received and deliberately unused".
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
  prettier,
  globalIgnores([
    'lib/generated/**',
    '.next/**',
    'node_modules/**',
    'prisma/sqlite/**',
    'prisma/postgres/**',
    '.e2e-data*/**',
    'data/**',
    'playwright-report/**',
    'test-results/**',
    'next-env.d.ts',
  ]),
]);
