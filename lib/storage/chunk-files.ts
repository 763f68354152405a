import { statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir } from './atomic';
import { chunkDir, chunkPath, chunksDir, tempPathFor } from './layout';
import { ALIGN, IoFile } from './direct-io';
import { Semaphore } from './slots';

// Chunk files: zstd frames named by the SHA-256 of their raw bytes. Each is written under a
// temporary name, fdatasync'd, and only then renamed into place, so a chunk file that exists is
// complete and durable, which dedup relies on: it never re-reads a chunk it finds.
//
// The syncs are batched. The data write (direct I/O, or into the page cache) frees the caller's
// buffer at once; every BATCH files (or BATCH_MS after the first, so a temporary file never lives
// long enough for GC to take it for a dead capture's) are fdatasync'd together, which the
// filesystem folds into one journal commit and one cache flush, and then renamed. Directory fsyncs come once, just before the
// manifest is written, the only moment their durability matters. Per-file syncs held every buffer
// through a flush and made capture wait on the disk's latency instead of its bandwidth.

/** Compressed size of a stored chunk, or undefined if it is not in the store. */
export function storedChunkSize(root: string, hash: string): number | undefined {
  return statSync(chunkPath(root, hash), { throwIfNoEntry: false })?.size;
}

// At most 3 chunk writes at once in the process, so one of libuv's 4 threads stays free for the
// reads that feed the CPUs.
const writes = new Semaphore(3);
const BATCH = 16;
const BATCH_MS = 2000;

type Staged = { file: IoFile; temp: string; final: string; dir: string };

export class ChunkWriter {
  private readonly made = new Set<string>();
  private readonly touched = new Set<string>();
  private staged: Staged[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly commits: Promise<void>[] = [];
  private failure: { error: unknown } | undefined;

  constructor(private readonly root: string) {}

  /** Notes that the manifest will reference a chunk in this directory (its entry must be durable). */
  reference(hash: string): void {
    this.touched.add(chunkDir(this.root, hash));
  }

  /** Writes `length` bytes of `data` (a slot region, with room to pad for direct I/O) as chunk
   *  `hash`. Resolves once `data` may be reused; the chunk is in place after sync(). */
  write(hash: string, data: Buffer, length: number): Promise<void> {
    return writes.run(() => this.stage(hash, data, length));
  }

  private async stage(hash: string, data: Buffer, length: number): Promise<void> {
    const dir = chunkDir(this.root, hash);
    if (!this.made.has(dir)) {
      await fs.mkdir(dir, { recursive: true });
      this.made.add(dir);
    }
    const final = chunkPath(this.root, hash);
    const temp = tempPathFor(final);
    const file = await IoFile.open(temp, 'wx');
    try {
      await file.write(data, length, 0);
      if (length % ALIGN) await file.truncate(length); // drop direct I/O's padding
    } catch (error) {
      await discard([{ file, temp, final, dir }]);
      throw error;
    }
    this.staged.push({ file, temp, final, dir });
    if (this.staged.length >= BATCH) this.commit();
    else if (this.staged.length === 1) {
      this.timer = setTimeout(() => this.commit(), BATCH_MS);
      this.timer.unref();
    }
  }

  private commit(): void {
    clearTimeout(this.timer);
    const batch = this.staged.splice(0);
    if (!batch.length) return;
    const done = (async () => {
      try {
        await Promise.all(batch.map((s) => s.file.datasync()));
        for (const s of batch) {
          await s.file.close();
          await fs.rename(s.temp, s.final);
          this.touched.add(s.dir);
        }
      } catch (error) {
        await discard(batch);
        throw error;
      }
    })();
    this.commits.push(done.catch((error: unknown) => void (this.failure ??= { error })));
  }

  /** Puts every staged chunk in place and makes the renames and new directories durable: call
   *  before writing the manifest. */
  async sync(): Promise<void> {
    if (this.staged.length) this.commit();
    await Promise.all(this.commits);
    if (this.failure) throw this.failure.error;
    await Promise.all([...this.touched].map(fsyncDir));
    if (this.made.size)
      await Promise.all([fsyncDir(chunksDir(this.root)), fsyncDir(path.dirname(chunksDir(this.root)))]);
  }

  /** After a failure or abort: waits for batches in flight and removes what was never renamed. */
  async discard(): Promise<void> {
    clearTimeout(this.timer);
    await Promise.all(this.commits);
    await discard(this.staged.splice(0));
  }
}

async function discard(staged: Staged[]): Promise<void> {
  for (const s of staged) {
    await s.file.close().catch(() => {});
    await fs.rm(s.temp, { force: true });
  }
}

/** Reads a stored chunk into `into`; returns its length, or a reason it cannot be used. */
export async function readChunkFile(
  root: string,
  hash: string,
  into: Buffer,
): Promise<{ length: number } | { bad: string }> {
  let file: IoFile;
  try {
    file = await IoFile.open(chunkPath(root, hash), 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { bad: 'missing from the store' };
    throw error;
  }
  try {
    const { size } = await file.stat();
    if (size > into.length) return { bad: `stored file is ${size} bytes, larger than any valid chunk` };
    await file.read(into, size, 0);
    return { length: size };
  } finally {
    await file.close();
  }
}
