import { CreateBucketCommand, DeleteBucketCommand, S3Client } from '@aws-sdk/client-s3';
import path from 'node:path';
import { generateStoreKey } from '../../lib/storage/index';
import { listObjects, openObjectStore, type ObjectStore } from '../../lib/storage/objects';
import { ensureSwift, s3 as SWIFT } from '../swift/start.mjs';
import { allocatedBytes, restic } from './measure';
import { startTlsFront, type TlsFront } from './tls-front';

// Where the benchmark writes: four Lifeboat stores (a folder and an S3 prefix, each plain and
// encrypted) and two restic repositories (a folder, and S3 on the same Swift), fresh for every
// run. S3 is the loopback Swift (scripts/swift/start.mjs), in a bucket of the benchmark's own
// that is emptied after each run and removed at the end.

export type StoreKind = 'folder' | 'S3';

export type BenchStore = {
  /** The row's name: "folder", "folder, encrypted", "S3", "S3, encrypted". */
  label: string;
  kind: StoreKind;
  encrypted: boolean;
  /** A folder or an s3:// URL, as scripts/bench/child.ts takes it. */
  where: string;
  /** The key and credentials child.ts reads. */
  env: Record<string, string>;
  /** The row this one is compared with: S3 with the folder, encrypted with plain on the same kind. */
  base: string | null;
};

export type BenchRepo = {
  label: string;
  kind: StoreKind;
  args: string[];
  env: Record<string, string>;
  viaFront: boolean;
};

const creds = { accessKeyId: SWIFT.accessKeyId, secretAccessKey: SWIFT.secretAccessKey };
const client = () =>
  new S3Client({
    ...SWIFT,
    forcePathStyle: true,
    credentials: creds,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });

export type S3Bench = {
  bucket: string;
  /** Lifeboat's store URL for a prefix of the bucket. */
  url(prefix: string): string;
  objects(prefix: string): ObjectStore;
  /** How restic reaches the bucket: plain http if Swift takes its uploads there, else the TLS front. */
  restic: { base: string; args: string[]; viaFront: boolean } | null;
  /** Why restic's S3 backend is not in the table, or how it was made to work. */
  notes: string[];
  close(): Promise<void>;
};

/** restic's own words from a failed command ("Fatal: …"), else the error's last line. */
export function errorLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (
    text.match(/Fatal: .*/)?.[0] ??
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .at(-1) ??
    ''
  );
}

/** Starts (or finds) Swift and makes the bucket; an Error with a sentence when it cannot. */
export async function openS3Bench(dir: string, withRestic: boolean): Promise<S3Bench> {
  await ensureSwift({ quiet: true });
  const bucket = `lifeboat-bench-${Date.now().toString(36)}`;
  const admin = client();
  await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  const url = (prefix: string) =>
    `s3://${bucket}/${prefix}?endpoint=${encodeURIComponent(SWIFT.endpoint)}&path-style=true`;
  const objects = (prefix: string) => openObjectStore(url(prefix), creds);
  const notes: string[] = [];
  let front: TlsFront | null = null;
  let resticWay: S3Bench['restic'] = null;
  if (withRestic) {
    const env = resticEnv(path.join(dir, 'restic-probe-cache'));
    const http = `s3:${SWIFT.endpoint}/${bucket}/probe-http`;
    try {
      await restic(['init', '--quiet', '--repo', http], env);
      resticWay = { base: `s3:${SWIFT.endpoint}/${bucket}`, args: [], viaFront: false };
      notes.push('restic S3: plain http to Swift worked here, no TLS front needed');
    } catch (error) {
      front = await startTlsFront(path.join(dir, 'tls'), {
        host: '127.0.0.1',
        port: Number(new URL(SWIFT.endpoint).port),
      });
      notes.push(
        `restic S3 over plain http fails ("${errorLine(error)}"), so it runs through an https front (scripts/bench/tls-front.ts, self-signed, --cacert), where restic sends unsigned payloads`,
      );
      resticWay = { base: `s3:${front.url}/${bucket}`, args: ['--cacert', front.cacert], viaFront: true };
    }
  }
  return {
    bucket,
    url,
    objects,
    restic: resticWay,
    notes,
    async close() {
      await front?.close();
      try {
        // A loaded Swift answers 503 to some deletes: a few tries, a few seconds apart.
        for (let attempt = 1; ; attempt++) {
          try {
            await clearPrefix(objects(''));
            await admin.send(new DeleteBucketCommand({ Bucket: bucket }));
            return;
          } catch (error) {
            if (attempt >= 5) throw error;
            await new Promise((resolve) => setTimeout(resolve, 5000));
          }
        }
      } finally {
        admin.destroy();
      }
    },
  };
}

function resticEnv(cacheDir: string): Record<string, string> {
  return {
    RESTIC_PASSWORD: 'lifeboat-bench',
    RESTIC_CACHE_DIR: cacheDir,
    AWS_ACCESS_KEY_ID: creds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
  };
}

/** The stores of one run: folders under `dir`, S3 prefixes under `prefix` (when S3 is up). */
export function benchStores(dir: string, s3: S3Bench | null, prefix: string): BenchStore[] {
  const key = { LIFEBOAT_BENCH_KEY: generateStoreKey().toString('hex') };
  const s3Env = { LIFEBOAT_BENCH_S3_ACCESS_KEY_ID: creds.accessKeyId, LIFEBOAT_BENCH_S3_SECRET: creds.secretAccessKey };
  const stores: BenchStore[] = [
    { label: 'folder', kind: 'folder', encrypted: false, where: path.join(dir, 'lifeboat-store'), env: {}, base: null },
    {
      label: 'folder, encrypted',
      kind: 'folder',
      encrypted: true,
      where: path.join(dir, 'lifeboat-store-encrypted'),
      env: key,
      base: 'folder',
    },
  ];
  if (s3) {
    stores.push(
      { label: 'S3', kind: 'S3', encrypted: false, where: s3.url(`${prefix}lifeboat`), env: s3Env, base: 'folder' },
      {
        label: 'S3, encrypted',
        kind: 'S3',
        encrypted: true,
        where: s3.url(`${prefix}lifeboat-encrypted`),
        env: { ...s3Env, ...key },
        base: 'S3',
      },
    );
  }
  return stores;
}

/** The restic repositories of one run (none without restic). */
export function benchRepos(dir: string, s3: S3Bench | null, prefix: string, withRestic: boolean): BenchRepo[] {
  if (!withRestic) return [];
  const repos: BenchRepo[] = [
    {
      label: 'restic, folder',
      kind: 'folder',
      args: ['--repo', path.join(dir, 'restic-repo')],
      env: resticEnv(path.join(dir, 'restic-cache')),
      viaFront: false,
    },
  ];
  if (s3?.restic) {
    const way = s3.restic;
    repos.push({
      label: 'restic, S3',
      kind: 'S3',
      args: ['--repo', `${way.base}/${prefix}restic`, ...way.args],
      env: resticEnv(path.join(dir, 'restic-cache-s3')),
      viaFront: way.viaFront,
    });
  }
  return repos;
}

/** Stored bytes: allocated on disk for a folder (like `du`), the objects' sizes on S3. */
export async function storedBytes(s3: S3Bench | null, kind: StoreKind, where: string): Promise<number> {
  if (kind === 'folder') return allocatedBytes(where);
  let total = 0;
  for await (const o of listObjects(s3!.objects(s3PrefixOf(where)), '')) total += o.size;
  return total;
}

/** The prefix inside the bucket of a store URL or a restic s3: repository. */
function s3PrefixOf(where: string): string {
  const url = where.startsWith('s3://')
    ? new URL(where).pathname
    : new URL(where.slice('s3:'.length)).pathname.split('/').slice(2).join('/');
  return decodeURIComponent(url).replace(/^\/+/, '');
}

export async function clearPrefix(objects: ObjectStore): Promise<void> {
  const keys: string[] = [];
  for await (const o of listObjects(objects, '')) keys.push(o.key);
  await objects.delete(keys);
}
