import { defineConfig, devices } from '@playwright/test';
import path from 'node:path';

// End-to-end tests drive Debian's Chromium against `next start` on a throwaway data directory
// with the demo seeded; nothing here touches ./data.
const PORT = Number(process.env.E2E_PORT || 3100);
export const FAKE_LINODE_PORT = Number(process.env.E2E_FAKE_LINODE_PORT || 3199);
export const FAKE_LINODE_TOKEN = 'e2e-linode-token';
export const E2E_DATA_DIR = path.resolve(process.env.E2E_DATA_DIR || '.e2e-data');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      // Without these Chromium keeps trying to reach Google's hosts on this closed network.
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'] },
      dependencies: ['setup'],
      testIgnore: [
        /auth\.setup\.ts/,
        /backups\.spec\.ts/,
        /accounts\.spec\.ts/,
        /linode\.spec\.ts/,
        /several-hosts\.spec\.ts/,
      ],
    },
    // Restoring db-primary rewrites its disk (holes where the demo had allocated zeros), and a
    // second provider account changes the image counts, so these run after every other spec.
    {
      name: 'chromium-restores',
      use: { ...devices['Desktop Chrome'] },
      dependencies: ['chromium'],
      testMatch: /(backups|accounts)\.spec\.ts/,
    },
    // The Linode flow adds an account and instances the member's team sees, so it runs last, alone.
    {
      name: 'chromium-linode',
      use: { ...devices['Desktop Chrome'] },
      dependencies: ['chromium-restores'],
      testMatch: /linode\.spec\.ts/,
    },
    // Two more web servers and two workers on a PostgreSQL database and Swift buckets of their own:
    // it shares only the build with the other specs, but runs last, alone, so its four processes
    // do not compete for the two cores with specs that wait on the main server.
    {
      name: 'several-hosts',
      use: { ...devices['Desktop Chrome'] },
      dependencies: ['chromium-linode'],
      testMatch: /several-hosts\.spec\.ts/,
    },
  ],
  webServer: [
    {
      command: 'node scripts/e2e-server.mjs',
      url: `http://127.0.0.1:${PORT}/api/health`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      // 45 bulk instances on top of the ten demo ones give the list three pages of 20. The backup
      // scheduler is off so no window that happens to be open makes an instance busy mid-test
      // (it is tested with a controlled clock in lib/operations/scheduler.int.test.ts).
      env: {
        PORT: String(PORT),
        DATA_DIR: E2E_DATA_DIR,
        LIFEBOAT_DEMO: '1',
        LIFEBOAT_DEMO_INSTANCES: '45',
        LIFEBOAT_SCHEDULER: '0',
        DATABASE_URL: '',
        LIFEBOAT_LINODE_POLL_MS: '200',
      },
    },
    // A stateful fake of the Linode API (its responses checked against the official spec), for
    // connecting a Linode provider account; loopback only.
    {
      command: 'node --import tsx tests/linode-fake/cli.ts',
      url: `http://127.0.0.1:${FAKE_LINODE_PORT}/v4/regions`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { FAKE_LINODE_PORT: String(FAKE_LINODE_PORT), FAKE_LINODE_TOKEN },
    },
  ],
});
