import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { closeChunkPool } from '@/lib/storage/pool';
import { expect, signIn, test, USERS } from './fixtures';
import { actionIdOf, actionIdWith, buildManifest } from './several-hosts/action-ids';
import { startCluster, type Cluster } from './several-hosts/cluster';
import {
  captureImage,
  deleteImage,
  deployImage,
  expectDeployedDigest,
  expectJobDone,
  renameImage,
  stopWatching,
  watchOwners,
} from './several-hosts/flows';
import { pause, resume, stop, waitFor } from './several-hosts/processes';
import { replayAction, startProxy, type Proxy } from './several-hosts/proxy';

// Several hosts, end to end: two web servers and two workers (separate processes, ports and data
// directories) on one PostgreSQL database and one object store work as one Lifeboat. The e2e
// suite's one build serves both web servers (see several-hosts/cluster.ts for what each gets).

const BASE_PORT = Number(process.env.E2E_HOSTS_PORT || 3470);
const PROXY_PORT = BASE_PORT + 2;
const MiB = 1024 * 1024;

test.describe.configure({ mode: 'serial', timeout: 150_000 });
test.use({ baseURL: `http://127.0.0.1:${BASE_PORT}` });

let cluster: Cluster;
let proxy: Proxy;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startCluster(BASE_PORT);
  proxy = await startProxy(PROXY_PORT, { A: cluster.web.A.port, B: cluster.web.B.port });
});

test.afterAll(async ({}, testInfo) => {
  await stopWatching();
  await proxy?.close();
  await closeChunkPool();
  // Every process's output stays with the test's results; the rest of the cluster goes.
  if (cluster)
    await fs.cp(path.join(cluster.root, 'logs'), testInfo.outputPath('logs'), { recursive: true }).catch(() => {});
  await cluster?.teardown();
});

test.beforeEach(async ({ page }) => {
  // Signed in on web A; the session cookie is for 127.0.0.1, so web B and the balancer get it too.
  await signIn(page, USERS.admin.email, USERS.admin.password);
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
});

test('a capture started on web A runs on worker B, and web B deploys it with the same digest', async ({ page }) => {
  const { database, web, workers } = cluster;
  // Worker A is stopped (and gone), and no web server runs jobs: only worker B can claim them.
  await stop(workers.A.proc);
  const captures = watchOwners(database.db, 'image.capture');
  const dialog = await captureImage(page, web.A.url, 'cache-redis', 'hosts golden');
  await expectJobDone(dialog);
  const image = await database.db.image.findFirstOrThrow({ where: { label: 'hosts golden' } });
  expect(image.status).toBe('available');
  expect(await captures.ownersOf(image.jobId!)).toEqual([workers.B.id]);

  // Web B knows the session web A signed and the image worker B stored.
  const deploys = watchOwners(database.db, 'image.deploy');
  await deployImage(page, web.B.url, 'hosts golden', 'hosts-from-golden');
  const deploy = await database.db.job.findFirstOrThrow({ where: { kind: 'image.deploy', status: 'succeeded' } });
  expect(await deploys.ownersOf(deploy.id)).toEqual([workers.B.id]);
  await expectDeployedDigest(database.db, cluster.regionsDir, 'hosts-from-golden', 'hosts golden');
});

test('server actions work when one web server renders the page and the other runs its action', async ({ page }) => {
  const { database, web } = cluster;
  const manifest = buildManifest();
  const update = actionIdOf(manifest, 'lib/actions/images.ts', 'updateImageAction');
  const postsOf = (label: string) => proxy.hops.filter((h) => h.action === update && h.body.includes(label));

  proxy.route({ pages: 'A', actions: 'B' });
  await renameImage(page, proxy.url, 'hosts golden', 'hosts golden ab');
  proxy.route({ pages: 'B', actions: 'A' });
  await renameImage(page, proxy.url, 'hosts golden ab', 'hosts golden ba');
  expect(
    proxy.hops.filter((h) => h.method === 'GET' && h.url === '/images').map((h) => [h.upstream, h.status]),
  ).toEqual([
    ['A', 200],
    ['B', 200],
  ]);
  const [ab] = postsOf('hosts golden ab');
  const [ba] = postsOf('hosts golden ba');
  expect([ab.upstream, ab.status, ba.upstream, ba.status]).toEqual(['B', 200, 'A', 200]);
  expect(await database.db.image.count({ where: { label: 'hosts golden ba' } })).toBe(1);

  // Why the hosts must share the build, or build with the same NEXT_SERVER_ACTIONS_ENCRYPTION_KEY:
  // every action id of this build is derived from its key...
  for (const [id, entry] of Object.entries(manifest.node))
    expect(actionIdWith(manifest.encryptionKey, id, entry)).toBe(id);
  // ...so a page from a host built with another key posts an id this build does not have: refused,
  // and nothing changes. The same post with this build's id is run by web B.
  const foreign = actionIdWith(randomBytes(32).toString('base64'), update, manifest.node[update]);
  // (An action has run by the time its answer comes, so the row is read right after each.)
  const label = async () =>
    (await database.db.image.findFirstOrThrow({ where: { label: { startsWith: 'hosts golden' } } })).label;
  expect(await replayAction(ab, web.B.port, foreign)).toEqual({ status: 409, text: 'Server Action unavailable.\n' });
  expect(await label()).toBe('hosts golden ba');
  expect((await replayAction(ab, web.B.port, update)).status).toBe(200);
  expect(await label()).toBe('hosts golden ab');
});

test('a collection on host A waits for the capture worker B is writing, and that image deploys intact', async ({
  page,
}) => {
  const { database, web, workers } = cluster;
  const db = database.db;

  // Real data the capture must upload (as a guest would have written it), so it runs long enough
  // to be caught holding its store lease.
  const source = await db.instance.findFirstOrThrow({
    where: { label: 'web-frontend-1' },
    include: { disks: { where: { kind: 'primary' } } },
  });
  const disk = await fs.open(
    path.join(cluster.regionsDir, source.region, 'disks', source.id, `${source.disks[0].id}.img`),
    'r+',
  );
  for (let offset = 64 * MiB; offset < 320 * MiB; offset += 4 * MiB)
    await disk.write(randomBytes(4 * MiB), 0, 4 * MiB, offset);
  await disk.close();

  const before = await cluster.imageChunks();
  const captures = watchOwners(db, 'image.capture');
  const dialog = await captureImage(page, web.B.url, 'web-frontend-1', 'hosts second');
  const image = await waitFor('the capture to be recorded', () =>
    db.image.findFirst({ where: { label: 'hosts second', jobId: { not: null } } }).then((i) => i ?? undefined),
  );
  // Frozen once some of its chunks are in the store, unreferenced until its manifest is written:
  // exactly what a collection that did not wait for it would delete.
  await waitFor(
    'worker B to be writing the capture into the store',
    async () => {
      const [job, lease, chunks] = await Promise.all([
        db.job.findUnique({ where: { id: image.jobId! } }),
        db.storeLease.findFirst({ where: { kind: 'capture' } }),
        cluster.imageChunks(),
      ]);
      return job?.status === 'running' && job.leaseOwner === workers.B.id && lease !== null && chunks >= before + 8;
    },
    { everyMs: 10 },
  );
  pause(workers.B.proc); // mid-upload, as a host whose VM was frozen
  try {
    expect(await db.storeLease.count({ where: { kind: 'capture' } })).toBe(1);
    // Worker A, stopped since the first test, comes back; worker B is busy (one job at a time).
    workers.A = await cluster.startWorker('A');
    // Deleting the first image on web A (another tab) queues the image store's collection; only
    // worker A is free to run it.
    const tab = await page.context().newPage();
    await deleteImage(tab, web.A.url, 'hosts golden ab');
    await tab.close();
    await waitFor('the collection to run on worker A and wait for the capture', async () => {
      const [gc, leases] = await Promise.all([
        db.job.findFirst({ where: { kind: 'image.gc' }, orderBy: { createdAt: 'asc' } }),
        db.storeLease.findMany({ select: { kind: true } }),
      ]);
      return (
        gc?.status === 'running' &&
        gc.leaseOwner === workers.A.id &&
        leases
          .map((l) => l.kind)
          .sort()
          .join() === 'capture,gc'
      );
    });
  } finally {
    resume(workers.B.proc);
  }

  await expectJobDone(dialog);
  expect(await captures.ownersOf(image.jobId!)).toEqual([workers.B.id]);
  const gc = await waitFor('the collection to finish', () =>
    db.job
      .findFirst({
        where: { kind: 'image.gc', status: { in: ['succeeded', 'failed'] } },
        orderBy: { createdAt: 'asc' },
      })
      .then((j) => j ?? undefined),
  );
  const capture = await db.job.findUniqueOrThrow({ where: { id: image.jobId! } });
  expect([gc.status, capture.status]).toEqual(['succeeded', 'succeeded']);
  // It collected only after the capture ended, and it did delete: the first image's chunks.
  expect(gc.finishedAt!.getTime()).toBeGreaterThanOrEqual(capture.finishedAt!.getTime());
  expect((gc.result as { freedBytes: number }).freedBytes).toBeGreaterThan(0);

  await deployImage(page, web.A.url, 'hosts second', 'hosts-from-second');
  await expectDeployedDigest(db, cluster.regionsDir, 'hosts-from-second', 'hosts second');
});
