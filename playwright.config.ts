import { defineConfig, devices } from '@playwright/test';
import path from 'node:path';

// End-to-end tests drive Debian's Chromium against `next start` on throwaway data directories
// with the demo seeded; nothing here touches ./data.
//
// Two worlds, so that no project depends on another having run first (or not yet). The shared
// world (port 3100) serves every spec that reads the demo as seeded or changes only what it
// creates itself. The specs that change what others count (restoring db-primary rewrites its
// disk; a provider account changes the image counts; the Linode flow adds instances the member's
// team sees) run on a world of their own (port 3101, reached as `localhost` so its session
// cookies never mix with the shared world's on 127.0.0.1). Each world's specs keep to their own
// instances, so the projects run in any order: run one alone, or all of them.
const PORT = Number(process.env.E2E_PORT || 3100);
const OWN_WORLD_PORT = Number(process.env.E2E_OWN_WORLD_PORT || 3101);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
export const OWN_WORLD_URL = `http://localhost:${OWN_WORLD_PORT}`;
export const FAKE_LINODE_PORT = Number(process.env.E2E_FAKE_LINODE_PORT || 3199);
export const FAKE_LINODE_TOKEN = 'e2e-linode-token';
export const E2E_DATA_DIR = path.resolve(process.env.E2E_DATA_DIR || '.e2e-data');
export const E2E_OWN_WORLD_DATA_DIR = path.resolve(process.env.E2E_OWN_WORLD_DATA_DIR || '.e2e-data-own-world');
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
    baseURL: BASE_URL,
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
    // Signs every demo user in on both worlds (one storage state per user holds both cookies).
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    // On their own world: db-primary restored, a second provider account. Listed before the
    // shared world's specs only so that the longest flows start first; no project needs another.
    {
      name: 'chromium-restores',
      use: { ...devices['Desktop Chrome'], baseURL: OWN_WORLD_URL },
      dependencies: ['setup'],
      testMatch: /(backups|accounts|uploads|alerts)\.spec\.ts/,
    },
    // On the same world of its own: a Linode account and the instances it brings in.
    {
      name: 'chromium-linode',
      use: { ...devices['Desktop Chrome'], baseURL: OWN_WORLD_URL },
      dependencies: ['setup'],
      testMatch: /linode\.spec\.ts/,
    },
    // The shared world: every spec that reads the demo as seeded or changes only what it creates.
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'] },
      dependencies: ['setup'],
      testIgnore: [
        /auth\.setup\.ts/,
        /backups\.spec\.ts/,
        /accounts\.spec\.ts/,
        /uploads\.spec\.ts/,
        /alerts\.spec\.ts/,
        /linode\.spec\.ts/,
        /several-hosts\.spec\.ts/,
      ],
    },
    // Two more web servers and two workers on a PostgreSQL database and Swift buckets of their own:
    // it shares no state with the other specs, only the build. It still waits for the other
    // projects, for CPU alone: its four processes would otherwise compete for the two cores with
    // specs that wait on the other servers.
    {
      name: 'several-hosts',
      use: { ...devices['Desktop Chrome'] },
      dependencies: ['chromium', 'chromium-restores', 'chromium-linode'],
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
    // The world of the specs that change what others count: the demo without the bulk instances.
    // Playwright starts the servers one after the other, so this one finds the build made.
    {
      command: 'node scripts/e2e-server.mjs',
      url: `${OWN_WORLD_URL}/api/health`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        PORT: String(OWN_WORLD_PORT),
        DATA_DIR: E2E_OWN_WORLD_DATA_DIR,
        LIFEBOAT_DEMO: '1',
        LIFEBOAT_DEMO_INSTANCES: '0',
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
