import { DeleteBucketCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { catalog } from '@/lib/config/catalog';
import { listAll } from '@/lib/storage/objects';
import { createTestDatabase, type TestDatabase } from '../../tests/databases';
import { freshBucket, swiftAdmin, swiftCredentials } from '../../tests/object-store';
import { buildManifest } from './action-ids';
import { launch, run, stop, waitForHealth, waitForWorkerId, type Proc } from './processes';

// Two Lifeboat hosts on one PostgreSQL database and one object store, as the README's "Running
// on several hosts" describes them: the one build of the e2e suite, served by two web servers
// without their in-process worker, two `npm run worker` processes, each process with its own
// DATA_DIR, the same secrets, the stores on the loopback Swift, and the local provider's region
// folders shared through LIFEBOAT_CATALOG. Everything made here is undone by teardown().

type Host = 'A' | 'B';
type Web = { proc: Proc; url: string; port: number };
type Worker = { proc: Proc; id: string };

export type Cluster = {
  root: string;
  database: TestDatabase;
  regionsDir: string;
  web: Record<Host, Web>;
  workers: Record<Host, Worker>;
  /** How many chunks the image store holds now, read from the bucket itself. */
  imageChunks(): Promise<number>;
  /** Starts a new worker process for the host (its DATA_DIR kept), replacing the stopped one. */
  startWorker(host: Host): Promise<Worker>;
  teardown(): Promise<void>;
};

/** Deletes what the run left in a bucket, then the bucket; a busy Swift is asked again. */
async function emptyBucket(bucket: Awaited<ReturnType<typeof freshBucket>>, prefixes: string[]) {
  for (const prefix of prefixes) {
    const objects = bucket.objects(prefix);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const keys: string[] = [];
        for await (const key of listAll(objects, '')) keys.push(key);
        await objects.delete(keys);
        break;
      } catch (error) {
        if (attempt === 5) throw error;
        await sleep(1000 * attempt);
      }
    }
  }
  const admin = swiftAdmin();
  await admin.send(new DeleteBucketCommand({ Bucket: bucket.bucket }));
  admin.destroy();
}

export async function startCluster(basePort: number): Promise<Cluster> {
  const undo: (() => Promise<unknown>)[] = [];
  const procs = new Set<Proc>();
  const teardown = async () => {
    const failures: unknown[] = [];
    await Promise.all([...procs].map((p) => stop(p).catch((e: unknown) => failures.push(e))));
    for (const step of undo.reverse()) await step().catch((e: unknown) => failures.push(e));
    if (failures.length) throw new AggregateError(failures, 'Tearing the several-hosts cluster down failed');
  };
  try {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-hosts-e2e-'));
    undo.push(async () => fs.rmSync(root, { recursive: true, force: true }));
    const logs = path.join(root, 'logs');
    fs.mkdirSync(logs);

    // No PostgreSQL or no Swift: these throw, and the spec fails (it never skips).
    const database = await createTestDatabase('postgres');
    undo.push(() => database.drop());
    const images = await freshBucket('lifeboat-hosts-images');
    undo.push(() => emptyBucket(images, ['images']));
    const backups = await freshBucket('lifeboat-hosts-backups');
    undo.push(() => emptyBucket(backups, ['eu-central', 'us-east']));

    // The region folders every worker reaches at the same path (on one machine: the same folder).
    const regionsDir = path.join(root, 'regions');
    const catalogFile = path.join(root, 'catalog.json');
    const { plans, regions } = catalog();
    fs.writeFileSync(
      catalogFile,
      JSON.stringify(
        { plans, regions: regions.map((r) => ({ ...r, storageDir: path.join(regionsDir, r.id) })) },
        null,
        2,
      ),
    );

    const store = (name: string, url: string) => ({
      [name]: url,
      [`${name}_ACCESS_KEY_ID`]: swiftCredentials.accessKeyId,
      [`${name}_SECRET_ACCESS_KEY`]: swiftCredentials.secretAccessKey,
    });
    const shared: Record<string, string> = {
      DATABASE_URL: database.url,
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
      LIFEBOAT_SECRET_KEY: randomBytes(32).toString('base64'),
      // The key the build was made with (action-ids.ts): the same on every host, as the README says.
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: buildManifest().encryptionKey,
      LIFEBOAT_CATALOG: catalogFile,
      ...store('IMAGE_STORE', images.url('images')),
      IMAGE_STORE_KEY: randomBytes(32).toString('base64'),
      ...store('BACKUP_STORE_EU_CENTRAL', backups.url('eu-central')),
      ...store('BACKUP_STORE_US_EAST', backups.url('us-east')),
      LIFEBOAT_SCHEDULER: '0',
      LIFEBOAT_WORKER_POLL_MS: '200',
      // A job lease long enough that worker B, frozen mid-capture for a few seconds, keeps its job.
      LIFEBOAT_WORKER_LEASE_MS: '60000',
      // Chunks are collectable as soon as nothing references them: only the leases in the
      // database keep a capture's chunks from a collection on the other host.
      LIFEBOAT_STORE_GRACE_MS: '0',
    };
    const dataDir = (name: string) => {
      const dir = path.join(root, name);
      fs.mkdirSync(dir, { recursive: true });
      return dir;
    };

    // The demo, seeded once into the shared database (the ten demo instances, no bulk ones).
    await run(
      'seed',
      ['--import', 'tsx', 'scripts/seed.ts'],
      { ...shared, DATA_DIR: dataDir('seed'), LIFEBOAT_DEMO: '1', LIFEBOAT_DEMO_INSTANCES: '0' },
      logs,
    );

    const startWeb = (host: Host, port: number): Web => {
      const env = {
        ...shared,
        PORT: String(port),
        DATA_DIR: dataDir(`web-${host}`),
        LIFEBOAT_WORKER: '0',
        LIFEBOAT_SKIP_BUILD: '1',
        LIFEBOAT_DEMO: '0',
      };
      const proc = launch(`web-${host}`, ['scripts/start.mjs'], env, logs);
      procs.add(proc);
      return { proc, port, url: `http://127.0.0.1:${port}` };
    };
    // Worker B runs one job at a time, so while it captures, only worker A can take another job.
    const startWorker = async (host: Host): Promise<Worker> => {
      const env = {
        ...shared,
        DATA_DIR: dataDir(`worker-${host}`),
        LIFEBOAT_WORKER_CONCURRENCY: host === 'B' ? '1' : '2',
      };
      const proc = launch(`worker-${host}-${Date.now()}`, ['--import', 'tsx', 'scripts/worker.ts'], env, logs);
      procs.add(proc);
      return { proc, id: await waitForWorkerId(proc) };
    };

    const web = { A: startWeb('A', basePort), B: startWeb('B', basePort + 1) };
    const [workerA, workerB] = await Promise.all([
      startWorker('A'),
      startWorker('B'),
      waitForHealth(web.A.proc, web.A.url),
      waitForHealth(web.B.proc, web.B.url),
    ]);
    const imageChunks = async () => {
      let count = 0;
      for await (const _ of listAll(images.objects('images'), 'chunks/')) count += 1;
      return count;
    };
    return { root, database, regionsDir, web, workers: { A: workerA, B: workerB }, imageChunks, startWorker, teardown };
  } catch (error) {
    await teardown().catch((e: unknown) => console.error(e));
    throw error;
  }
}
