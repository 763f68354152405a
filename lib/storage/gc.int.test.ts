import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureDisk, closeChunkPool, collectGarbage, deleteManifest, readManifest, verifyManifest } from './index';
import { chunkPath, gcLockPath, pendingPath } from './layout';
import { referencedChunks } from './manifest';
import { currentProcess, processIdentity, type ProcessIdentity } from './process-identity';
import { chunkFiles, makeDisk, tempDir } from '@/tests/store-disks';

// Garbage collection removes what no manifest references, and never what a capture in progress
// relies on, whether it wrote the chunk or found it already there (see the handshake in gc.ts).

let dir: string;
let root: string;
let diskA: string;
let diskB: string;

beforeEach(async () => {
  dir = await tempDir();
  root = path.join(dir, 'store');
  diskA = path.join(dir, 'a.img');
  diskB = path.join(dir, 'b.img');
  const a = await makeDisk(diskA, ['random', 'text', 'hole', 'random']);
  // B shares A's first stripe and has two of its own.
  await makeDisk(diskB, ['random', 'hole', 'text', 'random']);
  const handle = await fs.open(diskB, 'r+');
  await handle.write(a[0], 0, a[0].length, 0);
  await handle.close();
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

afterAll(async () => {
  await closeChunkPool();
});

async function sizes(hashes: Iterable<string>) {
  let total = 0;
  for (const h of hashes) total += (await fs.stat(chunkPath(root, h))).size;
  return total;
}

describe('collectGarbage', () => {
  it('removes only chunks no manifest references', async () => {
    const a = await captureDisk(root, diskA, 'a');
    const b = await captureDisk(root, diskB, 'b');
    expect(await chunkFiles(root)).toHaveLength(5);
    expect(await collectGarbage(root)).toMatchObject({ removedChunks: 0, freedBytes: 0 });
    const onlyA = [...referencedChunks(a)].filter((h) => !referencedChunks(b).has(h));
    expect(onlyA).toHaveLength(2);
    const freed = await sizes(onlyA);
    expect(await deleteManifest(root, 'a')).toBe(true);
    expect(await deleteManifest(root, 'a')).toBe(false);
    expect(await collectGarbage(root)).toEqual({
      removedChunks: 2,
      freedBytes: freed,
      removedTempFiles: 0,
      capturesInProgress: 0,
    });
    expect(await chunkFiles(root)).toHaveLength(3);
    expect((await verifyManifest(root, 'b')).ok).toBe(true);
  });

  it('keeps the chunks of a capture in progress, new or reused, and collects the rest', async () => {
    const a = await captureDisk(root, diskA, 'a');
    const b = await captureDisk(root, diskB, 'b');
    // Every chunk is garbage now; then A is captured again: it finds A's chunks in the store and
    // relies on them (dedup) while GC runs in the window before its manifest is written.
    await deleteManifest(root, 'a');
    await deleteManifest(root, 'b');
    let during: Awaited<ReturnType<typeof collectGarbage>> | undefined;
    const again = await captureDisk(root, diskA, 'a2', {
      beforeCommit: async () => {
        during = await collectGarbage(root);
      },
    });
    const onlyB = [...referencedChunks(b)].filter((h) => !referencedChunks(a).has(h));
    expect(during).toMatchObject({ removedChunks: onlyB.length, capturesInProgress: 1 });
    expect(again.newBytes).toBe(0);
    expect(again.chunks).toEqual(a.chunks);
    expect((await verifyManifest(root, 'a2')).ok).toBe(true);
    expect(await collectGarbage(root)).toMatchObject({ removedChunks: 0, capturesInProgress: 0 });
  });

  it('keeps the chunks a capture in progress has just written', async () => {
    let during: Awaited<ReturnType<typeof collectGarbage>> | undefined;
    const a = await captureDisk(root, diskA, 'a', {
      beforeCommit: async () => void (during = await collectGarbage(root)),
    });
    expect(during).toMatchObject({ removedChunks: 0, capturesInProgress: 1 });
    expect(a.newBytes).toBeGreaterThan(0);
    expect((await verifyManifest(root, 'a')).ok).toBe(true);
  });

  it('makes a capture wait while a collection holds the lock', async () => {
    await fs.mkdir(root, { recursive: true });
    await fs.writeFile(
      gcLockPath(root),
      JSON.stringify({ host: os.hostname(), pid: process.pid, startedAt: new Date().toISOString() }),
    );
    let done = false;
    const capture = captureDisk(root, diskA, 'a').then((m) => ((done = true), m));
    await new Promise((r) => setTimeout(r, 500));
    expect(done).toBe(false);
    expect(await chunkFiles(root)).toEqual([]);
    await fs.rm(gcLockPath(root));
    expect((await capture).chunks).toHaveLength(4);
  });

  it('ignores and removes the journal of a capture whose process died', async () => {
    const a = await captureDisk(root, diskA, 'a');
    await deleteManifest(root, 'a');
    // A dead capture that had journaled A's chunks: its pid no longer exists.
    const journal = pendingPath(root, 'dead');
    const header = JSON.stringify({ host: os.hostname(), pid: 2 ** 22 + 12345, startedAt: new Date().toISOString() });
    await fs.writeFile(journal, `${header}\n${[...referencedChunks(a)].join('\n')}\n`);
    expect(await collectGarbage(root)).toMatchObject({ removedChunks: 3, capturesInProgress: 0 });
    await expect(fs.stat(journal)).rejects.toThrow(/ENOENT/);
    // And a retry of that capture under the same id is not blocked by the dead journal.
    await fs.writeFile(journal, `${header}\n`);
    expect((await captureDisk(root, diskA, 'dead')).newBytes).toBeGreaterThan(0);
    expect((await readManifest(root, 'dead')).chunks).toEqual(a.chunks);
  });

  // A restarted container runs its program under the same pid: a record naming this host and a
  // live pid is the live process only if its start time and boot id match too.
  describe('owner identity beyond host and pid', () => {
    const journalOf = async (id: string, owner: ProcessIdentity, hashes: Iterable<string> = []) => {
      const journal = pendingPath(root, id);
      await fs.mkdir(path.dirname(journal), { recursive: true });
      await fs.writeFile(
        journal,
        `${JSON.stringify({ ...owner, startedAt: new Date().toISOString() })}\n${[...hashes].join('\n')}\n`,
      );
      return journal;
    };
    const deletedCapture = async () => {
      const a = await captureDisk(root, diskA, 'a');
      await deleteManifest(root, 'a');
      return a;
    };

    it('reads start time and boot id from /proc here', () => {
      // The tests below prove nothing without them (and Lifeboat's containers are Linux).
      expect(currentProcess()).toEqual({
        host: os.hostname(),
        pid: process.pid,
        bootId: expect.stringMatching(/\S/),
        startTicks: expect.stringMatching(/^\d+$/),
      });
    });

    it('writes journals that name the capturing process by start time and boot id as well', async () => {
      let header: unknown;
      await captureDisk(root, diskA, 'a', {
        beforeCommit: async () =>
          void (header = JSON.parse((await fs.readFile(pendingPath(root, 'a'), 'utf8')).split('\n')[0])),
      });
      expect(header).toEqual({ ...currentProcess(), startedAt: expect.any(String) });
    });

    it('takes over the journal of a dead capture whose pid now runs another process', async () => {
      const a = await deletedCapture();
      // This very process holds the pid, but it started at another time than the journal's owner.
      const journal = await journalOf('a2', { ...currentProcess(), startTicks: '1' }, referencedChunks(a));
      expect(await collectGarbage(root)).toMatchObject({ removedChunks: 3, capturesInProgress: 0 });
      await expect(fs.stat(journal)).rejects.toThrow(/ENOENT/);
      await journalOf('a2', { ...currentProcess(), startTicks: '1' });
      expect((await captureDisk(root, diskA, 'a2')).chunks).toEqual(a.chunks);
    });

    it('takes over the journal of a capture from an earlier boot', async () => {
      const a = await deletedCapture();
      await journalOf(
        'a2',
        { ...currentProcess(), bootId: '00000000-0000-0000-0000-000000000000' },
        referencedChunks(a),
      );
      expect(await collectGarbage(root)).toMatchObject({ removedChunks: 3, capturesInProgress: 0 });
      expect((await captureDisk(root, diskA, 'a2')).chunks).toEqual(a.chunks);
    });

    it('keeps the journal of a live capture with the right identity, and refuses a second capture of it', async () => {
      const a = await deletedCapture();
      const journal = await journalOf('a2', currentProcess(), referencedChunks(a));
      expect(await collectGarbage(root)).toMatchObject({ removedChunks: 0, capturesInProgress: 1 });
      await expect(captureDisk(root, diskA, 'a2')).rejects.toThrow(/already in progress/);
      expect((await fs.stat(journal)).isFile()).toBe(true);
    });

    it('holds the journal of a live child, and takes it over once the child is killed', async () => {
      const a = await deletedCapture();
      const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        await journalOf('a2', processIdentity(child.pid!), referencedChunks(a));
        expect(await collectGarbage(root)).toMatchObject({ removedChunks: 0, capturesInProgress: 1 });
        await expect(captureDisk(root, diskA, 'a2')).rejects.toThrow(/already in progress/);
      } finally {
        child.kill('SIGKILL');
        await exited;
      }
      expect(await collectGarbage(root)).toMatchObject({ removedChunks: 3, capturesInProgress: 0 });
      await journalOf('a2', processIdentity(child.pid!));
      expect((await captureDisk(root, diskA, 'a2')).chunks).toEqual(a.chunks);
    });

    it('breaks the GC lock of a dead collection whose pid now runs another process', async () => {
      await fs.mkdir(root, { recursive: true });
      await fs.writeFile(
        gcLockPath(root),
        JSON.stringify({ ...currentProcess(), startTicks: '1', startedAt: new Date().toISOString() }),
      );
      const capture = captureDisk(root, diskA, 'a');
      const waited = await Promise.race([
        capture.then(() => false),
        new Promise((r) => setTimeout(() => r(true), 5_000)),
      ]);
      expect(waited).toBe(false);
      await expect(fs.stat(gcLockPath(root))).rejects.toThrow(/ENOENT/);
      // And a collection can take the lock again.
      expect(await collectGarbage(root)).toMatchObject({ removedChunks: 0 });
    });
  });
});
