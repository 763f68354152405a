// The fake Linode API as its own process, for the end-to-end tests (playwright.config.ts starts
// it beside Lifeboat): `tsx tests/linode-fake/cli.ts`, on loopback only.
import { startFakeLinode } from './server';
import { addInstance } from './state-instances';

const port = Number(process.env.FAKE_LINODE_PORT || 3199);
const token = process.env.FAKE_LINODE_TOKEN || 'e2e-linode-token';
// Each poll of an operation moves it one step. Lifeboat polls every 200 ms in the browser tests, so
// these steps make each operation last a few seconds: long enough for the page, which reads a
// job's progress once a second, to show it under way (the defaults finish within one read).
const steps = { capture: 20, snapshot: 15, restore: 15, create: 15, boot: 2 };
const fake = await startFakeLinode({ port, token, control: true, steps });
// One instance more than the seed for the browser tests: a disk with 7 GB of data, which Linode
// accepts to capture and then fails (its image limit is 6 GiB of data).
addInstance(fake.state, {
  label: 'data-1',
  region: 'eu-west',
  type: 'g6-standard-1',
  tags: ['db'],
  mainDiskMB: 25_600,
  usedMB: 7_000,
});
console.log(`Fake Linode API on ${fake.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void fake.close().then(() => process.exit(0)));
