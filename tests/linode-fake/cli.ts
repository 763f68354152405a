// The fake Linode API as its own process, for the end-to-end tests (playwright.config.ts starts
// it beside Lifeboat): `tsx tests/linode-fake/cli.ts`, on loopback only.
import { startFakeLinode } from './server';

const port = Number(process.env.FAKE_LINODE_PORT || 3199);
const token = process.env.FAKE_LINODE_TOKEN || 'e2e-linode-token';
const fake = await startFakeLinode({ port, token });
console.log(`Fake Linode API on ${fake.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void fake.close().then(() => process.exit(0)));
