import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as getBackup } from '@/app/api/backups/[id]/download/route';
import { GET as getImage } from '@/app/api/images/[id]/download/route';
import { imageStoreDir } from '@/lib/config/env';
import { backupStore, imageStore } from '@/lib/providers/stores';
import { captureDisk, closeChunkPool, restoreDisk, type OpenedStore } from '@/lib/storage';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { backupOf, createWorld, imageOf, type World } from '@/tests/permissions/world';
import { signInAs } from '@/tests/session';
import { readPlanFor } from '@/lib/disks/read-plan';
import { makeDisk } from '@/tests/store-disks';

// The download routes against a real store: who may download (the page's read rule), what may
// be (a finished, sound copy Lifeboat keeps), and what comes out: the raw file is byte for byte
// the restored disk, the qcow2 passes Debian's qemu-img check and compares equal to it.

vi.mock('next-auth', async (original) => (await import('@/tests/next-request')).nextAuth(await original()));
vi.mock('next/headers', async () => (await import('@/tests/next-request')).nextHeaders('192.0.2.44'));
vi.mock('next/cache', async () => (await import('@/tests/next-request')).nextCache);

const run = promisify(execFile);
const QEMU_IMG = '/usr/bin/qemu-img';
const MiB = 1024 * 1024;
// A partial last chunk, its end not on a cluster boundary: padding, and a short last L2 run.
const TAIL = 3 * 64 * 1024 + 512;

async function qemuImg(...args: string[]) {
  try {
    return (await run(QEMU_IMG, args)).stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${QEMU_IMG} is missing: apt-get install qemu-utils`);
    throw new Error(`qemu-img ${args.join(' ')} failed: ${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

const get = (route: typeof getImage, id: string, query = '') =>
  route(new NextRequest(`http://x/api/x/${id}/download${query}`), { params: Promise.resolve({ id }) });

describe.each(PROVIDERS)('downloads on %s', (provider) => {
  let t: TestDatabase;
  let w: World;
  let image: { id: string; label: string };
  let backup: { id: string };
  let disk: string;
  let restored: string;

  async function capture(store: OpenedStore, id: string) {
    const manifest = await captureDisk(store, disk, id);
    return { sizeBytes: manifest.sizeBytes, dataBytes: manifest.dataBytes, digest: manifest.digest };
  }

  beforeAll(async () => {
    t = await openAppDatabase(provider);
    w = await createWorld(t.db);
    disk = path.join(t.dataDir, 'source.img');
    restored = path.join(t.dataDir, 'restored.img');
    await makeDisk(disk, ['random', 'text', 'hole', 'hole', 'random', { copyOf: 0 }, 'hole', 'text'], TAIL);
    const row = await imageOf(w);
    image = await t.db.image.update({
      where: { id: row.id },
      data: { label: 'web root / v1', ...(await capture(await imageStore(), row.id)) },
    });
    const b = (await backupOf(w)).backup;
    backup = await t.db.backup.update({
      where: { id: b.id },
      data: await capture(await backupStore('eu-central'), b.id),
    });
    await restoreDisk(await imageStore(), image.id, restored, { durable: false });
  });
  afterAll(async () => {
    signInAs(null);
    await closeChunkPool();
    await closeAppDatabase(t);
  });

  it('answers a signed-out caller 401 in JSON', async () => {
    signInAs(null);
    const response = await get(getImage, image.id);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'Sign in to download an image.' });
  });

  it("answers 404 for another team's image or backup, as for one that does not exist, and records the refusal", async () => {
    signInAs(w.users.other.id);
    for (const response of [
      await get(getImage, image.id),
      await get(getBackup, backup.id),
      await get(getImage, 'nope'),
    ]) {
      expect(response.status).toBe(404);
      expect((await response.json()).error).toMatch(/was not found, or you do not have access to it/);
    }
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { action: 'image.download', targetId: image.id } });
    expect(entry).toMatchObject({
      result: 'refused',
      actorId: w.users.other.id,
      teamId: null,
      targetLabel: '',
      ip: '192.0.2.44',
    });
  });

  it('refuses a format it does not make with 400', async () => {
    signInAs(w.users.member.id);
    const response = await get(getImage, image.id, '?format=vmdk');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'The format must be raw or qcow2.' });
  });

  it('answers 409 for an image still being captured or failed, a damaged backup, and a copy a remote provider keeps', async () => {
    signInAs(w.users.member.id);
    const creating = await t.db.image.update({
      where: { id: (await imageOf(w)).id },
      data: { status: 'creating', label: 'half' },
    });
    const failed = await t.db.image.update({
      where: { id: (await imageOf(w)).id },
      data: { status: 'failed', label: 'broken' },
    });
    const damaged = await t.db.backup.update({ where: { id: (await backupOf(w)).backup.id }, data: { damaged: true } });
    const remoteAccount = await t.db.providerAccount.create({ data: { name: 'Remote one', kind: 'linode' } });
    const remote = await t.db.image.update({
      where: { id: (await imageOf(w)).id },
      data: { accountId: remoteAccount.id, label: 'theirs' },
    });
    const answers = [
      [await get(getImage, creating.id), 'The image half is still being captured: download it once it is available.'],
      [await get(getImage, failed.id), 'The image broken failed, so there is nothing to download.'],
      [await get(getBackup, damaged.id), /^The snapshot backup of .* failed verification/],
      [await get(getImage, remote.id), 'The image theirs is kept by Linode; download it there.'],
    ] as const;
    for (const [response, message] of answers) {
      expect(response.status).toBe(409);
      expect((await response.json()).error).toMatch(message);
    }
  });

  it('streams the raw disk: its full size, byte for byte the restored disk, named after the label, recorded', async () => {
    signInAs(w.users.viewer.id); // viewers may look, and a download is a look
    const response = await get(getImage, image.id);
    expect(response.status).toBe(200);
    const size = 8 * 4 * MiB + TAIL;
    expect(response.headers.get('content-length')).toBe(String(size));
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="web-root-v1.raw"');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBe(size);
    expect(bytes.equals(await fs.readFile(restored))).toBe(true);
    expect(bytes.equals(await fs.readFile(disk))).toBe(true);
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { action: 'image.download', result: 'success' } });
    expect(entry).toMatchObject({
      actorId: w.users.viewer.id,
      teamId: w.teamA,
      targetLabel: 'web root / v1',
      detail: `raw, ${size} bytes`,
    });
  });

  it('streams a qcow2 that qemu-img checks clean and finds identical to the restored disk', async () => {
    signInAs(w.users.member.id);
    for (const [route, id] of [
      [getImage, image.id],
      [getBackup, backup.id],
    ] as const) {
      const response = await get(route, id, '?format=qcow2');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.qcow2"$/);
      const file = path.join(t.dataDir, `${id}.qcow2`);
      await pipeline(Readable.fromWeb(response.body! as never), (await fs.open(file, 'w')).createWriteStream());
      const { size } = await fs.stat(file);
      expect(String(size)).toBe(response.headers.get('content-length'));
      // Three holes of eight chunks are left out.
      expect(size).toBeLessThan(6 * 4 * MiB);
      expect(await qemuImg('check', '-f', 'qcow2', file)).toMatch(/No errors were found on the image/);
      expect(await qemuImg('compare', '-f', 'raw', '-F', 'qcow2', restored, file)).toMatch(/Images are identical/);
      await fs.rm(file);
    }
  });

  it('breaks off with an error at a damaged chunk, never sending zeros in its place, and records it', async () => {
    signInAs(w.users.admin.id);
    const other = await t.db.image.update({ where: { id: (await imageOf(w)).id }, data: { label: 'to damage' } });
    const source = path.join(t.dataDir, 'damage.img');
    await makeDisk(source, ['random', 'random', 'random']);
    const manifest = await captureDisk(await imageStore(), source, other.id);
    await t.db.image.update({
      where: { id: other.id },
      data: { digest: manifest.digest, sizeBytes: manifest.sizeBytes },
    });
    const name = (await imageStore()).nameOf(manifest.chunks[1]!);
    const chunk = path.join(imageStoreDir(), 'chunks', name.slice(0, 2), name);
    const bytes = await fs.readFile(chunk);
    bytes[100] ^= 0xff;
    await fs.writeFile(chunk, bytes);
    const response = await get(getImage, other.id);
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow(/chunk 1 .* is corrupt/);
    const entry = await t.db.auditEntry.findFirstOrThrow({
      where: { action: 'image.download', targetId: other.id, result: 'failure' },
    });
    expect(entry.detail).toMatch(/^raw: manifest .* chunk 1 .* is corrupt/);
  });

  it('stops reading when the client goes away', async () => {
    signInAs(w.users.member.id);
    const response = await get(getBackup, backup.id);
    const reader = response.body!.getReader();
    expect((await reader.read()).value!.length).toBe(4 * MiB);
    await reader.cancel();
    // The stream is closed: nothing more comes, and the next download starts at once.
    expect((await reader.read()).done).toBe(true);
    const again = await get(getBackup, backup.id, '?format=raw');
    expect(Buffer.from(await again.arrayBuffer()).equals(await fs.readFile(disk))).toBe(true);
  });
});

// The size a disk may have is not bounded by memory: a 160 GiB disk holding three chunks streams
// as raw (every byte, read and counted here) with the process's memory flat, and as a qcow2 of a
// few MiB that qemu-img checks and finds identical to the sparse source. One database is enough:
// what is at stake is the stream, not the rows.
describe('a 160 GiB disk', () => {
  let t: TestDatabase;
  let w: World;
  let id: string;
  let disk: string;
  const GiB = 1024 * MiB;
  const SIZE = 160 * GiB;

  beforeAll(async () => {
    t = await openAppDatabase('sqlite');
    w = await createWorld(t.db);
    disk = path.join(t.dataDir, 'big.img');
    const handle = await fs.open(disk, 'w');
    await handle.truncate(SIZE);
    for (const at of [0, 80 * GiB, SIZE - 4 * MiB])
      await handle.write(Buffer.alloc(4 * MiB, at % 251 || 7), 0, 4 * MiB, at);
    await handle.close();
    id = (await imageOf(w)).id;
    const manifest = await captureDisk(await imageStore(), disk, id, { ranges: (await readPlanFor(disk)).ranges });
    expect(manifest.chunks.filter((c) => c !== null)).toHaveLength(3);
    await t.db.image.update({ where: { id }, data: { label: 'big', sizeBytes: SIZE, digest: manifest.digest } });
    signInAs(w.users.member.id);
  });
  afterAll(async () => {
    signInAs(null);
    await closeChunkPool();
    await closeAppDatabase(t);
  });

  it('streams raw in full with memory that does not grow with the disk', async () => {
    const response = await get(getImage, id);
    expect(response.headers.get('content-length')).toBe(String(SIZE));
    const reader = response.body!.getReader();
    const rss = process.memoryUsage.rss();
    let most = rss;
    let total = 0;
    let nonZero = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (value[0] !== 0) nonZero++;
      total += value.length;
      if (total % GiB === 0) most = Math.max(most, process.memoryUsage.rss());
    }
    expect(total).toBe(SIZE);
    expect(nonZero).toBe(3);
    expect(most - rss).toBeLessThan(256 * MiB);
  }, 180_000);

  it('streams a qcow2 of a few MiB that qemu-img checks and compares equal to the sparse disk', async () => {
    const response = await get(getImage, id, '?format=qcow2');
    const file = path.join(t.dataDir, 'big.qcow2');
    await pipeline(Readable.fromWeb(response.body! as never), (await fs.open(file, 'w')).createWriteStream());
    const { size } = await fs.stat(file);
    expect(String(size)).toBe(response.headers.get('content-length'));
    expect(size).toBeLessThan(13 * MiB);
    expect(await qemuImg('check', '-f', 'qcow2', file)).toMatch(/No errors were found on the image/);
    expect(await qemuImg('compare', '-f', 'raw', '-F', 'qcow2', disk, file)).toMatch(/Images are identical/);
  });
});
