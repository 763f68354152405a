import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/images/upload/route';
import { imageStoreDir } from '@/lib/config/env';
import { getJob } from '@/lib/jobs';
import { manifestExists } from '@/lib/storage';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { digestOf } from '@/tests/disks';
import { blankQcow2, ext4Raw, imageFilesDir, qcow2Of, qcow2WithBacking, truncatedQcow2 } from '@/tests/image-files';
import { jobEnded, killMidJob, setUpTestWorker } from '@/tests/jobs';
import { createWorld, type Role, type World } from '@/tests/permissions/world';
import { signInAs } from '@/tests/session';
import { uploadsDir } from './shared/upload-files';

// Uploading disk image files through the route, with real files made by mkfs.ext4, debugfs and
// qemu-img: raw and qcow2 become images byte-identical to the disk they hold; every bad file is
// refused in plain words and leaves no file, no manifest and no usable image; the limits and the
// caller are checked before a byte of the body is read.

vi.mock('next-auth', async (original) => (await import('@/tests/next-request')).nextAuth(await original()));
vi.mock('next/headers', async () => (await import('@/tests/next-request')).nextHeaders('192.0.2.44'));
vi.mock('next/cache', async () => (await import('@/tests/next-request')).nextCache);

const MiB = 1024 * 1024;

/** A body that counts what was read of it, to prove a refusal read nothing. */
function countedBody(source: AsyncIterable<Uint8Array>) {
  const counter = { read: 0 };
  const iterator = source[Symbol.asyncIterator]();
  // Pulled only as it is read (no queue ahead), so `read` is what the route consumed.
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await iterator.next();
        if (done) return controller.close();
        counter.read += value.byteLength;
        controller.enqueue(new Uint8Array(value));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

describe.each(PROVIDERS)('image uploads on %s', (provider) => {
  let t: TestDatabase;
  let w: World;
  let dir: string;
  const worker = setUpTestWorker(() => t.db);
  const files: Record<string, string> = {};

  beforeAll(async () => {
    t = await openAppDatabase(provider);
    w = await createWorld(t.db);
    dir = await imageFilesDir(t.dataDir);
    files.ext4 = await ext4Raw(path.join(dir, 'disk.raw'), 64, 6);
    files.qcow2 = await qcow2Of(files.ext4, path.join(dir, 'disk.qcow2'));
    files.blank = await blankQcow2(path.join(dir, 'blank.qcow2'), '32M');
    files.backed = await qcow2WithBacking(path.join(dir, 'backed.qcow2'), '/etc/passwd');
    files.truncated = await truncatedQcow2(files.qcow2, path.join(dir, 'truncated.qcow2'));
    files.huge = await blankQcow2(path.join(dir, 'huge.qcow2'), '1G');
    files.text = path.join(dir, 'notes.txt');
    await fsp.writeFile(files.text, 'These are my notes, not a disk.\n'.repeat(100));
  }, 60_000);
  afterAll(() => closeAppDatabase(t));

  async function signIn(role: Role) {
    if (role === 'anonymous') return signInAs(null);
    signInAs(w.users[role].id);
  }

  async function post(
    body: ReadableStream<Uint8Array>,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ) {
    const url = new URL('http://lifeboat.test/api/images/upload');
    for (const [k, v] of Object.entries(fields)) url.searchParams.set(k, v);
    const request = new NextRequest(url, { method: 'POST', body, headers, duplex: 'half' } as ConstructorParameters<
      typeof NextRequest
    >[1]);
    const response = await POST(request);
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  /** Uploads a file as the member of team A (unless told otherwise). */
  async function upload(file: string, label: string, role: Role = 'member', teamId = w.teamA) {
    await signIn(role);
    const body = Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>;
    return post(
      body,
      { teamId, label, region: 'eu-central', fileName: path.basename(file) },
      {
        'content-length': String(fs.statSync(file).size),
      },
    );
  }

  const leftovers = async () => (await fsp.readdir(uploadsDir('eu-central')).catch(() => [])).length;

  /** Uploads, runs the job to its end and returns the image row and the job. */
  async function uploadAndRun(file: string, label: string) {
    const answer = await upload(file, label);
    expect(answer.status, JSON.stringify(answer.json)).toBe(202);
    const { imageId, jobId } = answer.json as { imageId: string; jobId: string };
    worker.run();
    const job = await jobEnded(t.db, jobId);
    const image = await t.db.image.findUniqueOrThrow({ where: { id: imageId } });
    return { job, image };
  }

  it('makes an image of a raw ext4 disk, byte for byte, and audits it like a capture', async () => {
    const { job, image } = await uploadAndRun(files.ext4, 'raw-upload');
    expect(job.status).toBe('succeeded');
    expect(image).toMatchObject({
      status: 'available',
      teamId: w.teamA,
      accountId: w.accountId,
      region: 'eu-central',
      sourceInstanceId: null,
      sourceInstanceLabel: 'Uploaded: disk.raw',
      sizeBytes: BigInt(64 * MiB),
    });
    expect(image.digest).toBe(await digestOf(files.ext4));
    // At least the file written into the filesystem, and never the disk's empty space.
    expect(Number(image.dataBytes)).toBeGreaterThanOrEqual(6 * MiB);
    expect(Number(image.dataBytes)).toBeLessThan(48 * MiB);
    expect(await leftovers()).toBe(0);
    const entry = await t.db.auditEntry.findFirst({ where: { action: 'image.upload' }, orderBy: { at: 'desc' } });
    expect(entry).toMatchObject({ result: 'success', targetId: image.id, teamId: w.teamA, ip: '192.0.2.44' });
  });

  it('converts a qcow2 to raw, reporting the conversion and the capture as progress', async () => {
    const { job, image } = await uploadAndRun(files.qcow2, 'qcow2-upload');
    expect(job.status).toBe('succeeded');
    expect(image.status).toBe('available');
    expect(image.sourceInstanceLabel).toBe('Uploaded: disk.qcow2');
    // The same disk as the raw upload: the same digest.
    expect(image.digest).toBe(await digestOf(files.ext4));
    // The conversion's progress, then the capture's over the used blocks it read.
    const row = await getJob(t.db, job.id);
    expect(row?.log.map((l) => l.text)).toEqual([
      expect.stringMatching(/^Converting disk\.qcow2 \(qcow2, 64 MiB disk\) to raw$/),
      expect.stringMatching(/^Capturing the disk: [\d.]+ MiB used \(its filesystem's used space\)$/),
      expect.stringMatching(/^Image available: /),
      'Done.',
    ]);
    expect(row?.bytesDone).toBe(row?.bytesTotal);
    expect(row?.bytesTotal).toBeLessThan(32 * MiB);
    expect(await leftovers()).toBe(0);
  });

  const refusals: [string, string, RegExp][] = [
    ['a text file', 'text', /"notes\.txt" is not a disk image: a raw disk is a whole number of 512-byte sectors/],
    [
      'a qcow2 with a backing file outside',
      'backed',
      /"backed\.qcow2" has a backing file \(\/etc\/passwd\); upload a standalone image: qemu-img convert -O qcow2 in\.qcow2 out\.qcow2/,
    ],
    ['a truncated qcow2', 'truncated', /"truncated\.qcow2" is damaged: .*Upload a complete copy of the image\./],
    [
      'a qcow2 bigger than any plan',
      'huge',
      /"huge\.qcow2" is a 1 GiB disk, larger than the largest plan's 768 MiB disk: no plan could deploy it\./,
    ],
  ];
  it.each(refusals)('refuses %s with a clear reason and leaves nothing', async (_what, key, reason) => {
    const { job, image } = await uploadAndRun(files[key], `bad-${key}`);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(reason);
    expect(image.status).toBe('failed');
    expect(image.failureReason).toMatch(reason);
    expect(await manifestExists(imageStoreDir(), image.id)).toBe(false);
    expect(await leftovers()).toBe(0);
  });

  it('takes a blank qcow2 (a disk image, even without a filesystem yet)', async () => {
    const { job, image } = await uploadAndRun(files.blank, 'blank-upload');
    expect(image.failureReason).toBeNull();
    expect(job.status).toBe('succeeded');
    expect(image).toMatchObject({ status: 'available', sizeBytes: BigInt(32 * MiB) });
    expect(Number(image.dataBytes)).toBeLessThan(MiB); // what the host holds of an empty disk
  });

  it("refuses a disk over the account's ceiling once measured, naming both figures", async () => {
    await t.db.providerAccount.update({ where: { id: w.accountId }, data: { imageCeilingBytes: BigInt(4 * MiB) } });
    try {
      const { job, image } = await uploadAndRun(files.qcow2, 'too-full');
      expect(job.status).toBe('failed');
      expect(image.failureReason).toMatch(
        /^The disk in "disk\.qcow2" holds [\d.]+ GiB of data, over the 0 GiB limit for manual images\. Upload an image of a disk with less data on it\.$/,
      );
      expect(await manifestExists(imageStoreDir(), image.id)).toBe(false);
      expect(await leftovers()).toBe(0);
    } finally {
      await t.db.providerAccount.update({ where: { id: w.accountId }, data: { imageCeilingBytes: 6n * 1024n ** 3n } });
    }
  });

  it('refuses the 26th image before reading the body', async () => {
    const counted = await t.db.image.count({ where: { status: { in: ['creating', 'available'] } } });
    const fill = Array.from({ length: 25 - counted }, (_, i) => ({
      accountId: w.accountId,
      teamId: w.teamB,
      label: `filler-${i}`,
      status: 'available' as const,
      sourceInstanceLabel: 'x',
      sourceDiskLabel: 'disk',
      region: 'eu-central',
    }));
    await t.db.image.createMany({ data: fill });
    try {
      await signIn('member');
      const { stream, counter } = countedBody(fs.createReadStream(files.qcow2));
      const before = await t.db.image.count();
      const answer = await post(stream, {
        teamId: w.teamA,
        label: 'one-too-many',
        region: 'eu-central',
        fileName: 'a.qcow2',
      });
      expect(answer.status).toBe(409);
      expect(answer.json.error).toBe(
        'This account already has 25 of 25 images. Delete an image you no longer need, then try again.',
      );
      expect(counter.read).toBe(0);
      expect(await t.db.image.count()).toBe(before);
      expect(await leftovers()).toBe(0);
      const entry = await t.db.auditEntry.findFirst({ where: { action: 'image.upload' }, orderBy: { at: 'desc' } });
      expect(entry).toMatchObject({ result: 'refused', teamId: w.teamA });
    } finally {
      await t.db.image.deleteMany({ where: { label: { startsWith: 'filler-' } } });
    }
  });

  it.each([
    ['a member of another team', 'other' as Role, 404, /The team was not found, or you do not have access to it\./],
    ['a viewer', 'viewer' as Role, 403, /Viewers can look but not change anything in this team\./],
    ['a signed-out caller', 'anonymous' as Role, 401, /Your session has ended\. Sign in again\./],
  ])('refuses %s before reading the body', async (_who, role, status, message) => {
    await signIn(role);
    const { stream, counter } = countedBody(fs.createReadStream(files.qcow2));
    const before = await t.db.image.count();
    const answer = await post(stream, { teamId: w.teamA, label: 'sneaky', region: 'eu-central', fileName: 'a.qcow2' });
    expect(answer.status).toBe(status);
    expect(answer.json.error).toMatch(message);
    expect(counter.read).toBe(0);
    expect(await t.db.image.count()).toBe(before);
    expect(await leftovers()).toBe(0);
    const entry = await t.db.auditEntry.findFirst({ where: { action: 'image.upload' }, orderBy: { at: 'desc' } });
    expect(entry?.result).toBe('refused');
    // A team the caller cannot see gets no entry in its log.
    if (role !== 'viewer') expect(entry?.teamId).toBeNull();
  });

  it('answers malformed requests with a 4xx in plain words', async () => {
    await signIn('member');
    const empty = () => new ReadableStream<Uint8Array>({ start: (c) => c.close() });
    const bad = await post(empty(), { teamId: w.teamA, label: 'bad/label!', region: 'eu-central', fileName: 'x.raw' });
    expect(bad.status).toBe(400);
    expect(bad.json.fields).toMatchObject({ label: ["Use only letters, digits, spaces and , . ? - _ '"] });
    const region = await post(empty(), { teamId: w.teamA, label: 'ok', region: 'mars', fileName: 'x.raw' });
    expect(region).toMatchObject({
      status: 400,
      json: { error: 'Choose a region.', fields: { region: ['Choose a region.'] } },
    });
    const nothing = await post(empty(), { teamId: w.teamA, label: 'ok', region: 'eu-central', fileName: 'x.raw' });
    expect(nothing).toMatchObject({ status: 400, json: { error: 'The file is empty. Choose a disk image file.' } });
    const big = await post(
      empty(),
      { teamId: w.teamA, label: 'ok', region: 'eu-central', fileName: 'x.raw' },
      {
        'content-length': String(769 * MiB),
      },
    );
    expect(big.status).toBe(413);
    expect(big.json.error).toMatch(/larger than the largest plan's disk \(768 MiB\)/);
    expect(await leftovers()).toBe(0);
  });

  it('leaves nothing when the client goes away mid-upload', async () => {
    await signIn('member');
    const before = await t.db.image.count();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 3 * MiB) return controller.error(new Error('socket hang up'));
        sent += MiB;
        controller.enqueue(new Uint8Array(MiB).fill(7));
      },
    });
    const answer = await post(body, { teamId: w.teamA, label: 'gone', region: 'eu-central', fileName: 'x.raw' });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe('The upload did not finish: the file did not arrive whole. Try again.');
    expect(await t.db.image.count()).toBe(before);
    expect(await leftovers()).toBe(0);
  });

  it('refuses a body that passes the largest disk while it arrives, keeping nothing', async () => {
    await signIn('member');
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 770 * MiB) return controller.close();
        sent += 16 * MiB;
        controller.enqueue(new Uint8Array(16 * MiB).fill(1));
      },
    });
    const answer = await post(body, { teamId: w.teamA, label: 'endless', region: 'eu-central', fileName: 'x.raw' });
    expect(answer.status).toBe(413);
    expect(sent).toBeLessThan(800 * MiB);
    expect(await leftovers()).toBe(0);
  });

  it('a worker killed mid-job leaves no image that looks available; the job runs again from the upload', async () => {
    const raw = await ext4Raw(path.join(dir, 'big.raw'), 256, 96);
    const file = await qcow2Of(raw, path.join(dir, 'big.qcow2'));
    const answer = await upload(file, 'killed-upload');
    expect(answer.status).toBe(202);
    const { imageId, jobId } = answer.json as { imageId: string; jobId: string };
    // Killed once it reported progress (its conversion, or its capture), before it ended.
    const mid = await killMidJob(t, jobId);
    expect(mid.status).toBe('running');
    expect((await t.db.image.findUniqueOrThrow({ where: { id: imageId } })).status).toBe('creating');
    worker.start({ pollMs: 50, leaseMs: 2_000 });
    expect(await jobEnded(t.db, jobId, 120_000)).toMatchObject({ status: 'succeeded', attempts: 2 });
    const image = await t.db.image.findUniqueOrThrow({ where: { id: imageId } });
    expect(image.status).toBe('available');
    expect(image.digest).toBe(await digestOf(raw));
    expect(await leftovers()).toBe(0);
    await fsp.rm(raw);
    await fsp.rm(file);
  }, 180_000);
});
