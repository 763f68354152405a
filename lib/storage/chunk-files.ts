import { statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir } from './atomic';
import { chunkDir, chunkPath, chunksDir, tempPathFor } from './layout';
import { ALIGN, IoFile } from './direct-io';
import { Semaphore } from './slots';

// Chunk files: zstd frames named by the SHA-256 of their raw bytes. Each is written to a
// temporary name, fdatasync'd, then renamed into place, so a chunk file that exists is complete.
// Directory fsyncs are batched: one per touched directory just before the manifest is written,
// which is the only moment their durability matters.

/** Compressed size of a stored chunk, or undefined if it is not in the store. */
export function storedChunkSize(root: string, hash: string): number | undefined {
  return statSync(chunkPath(root, hash), { throwIfNoEntry: false })?.size;
}

// At most 3 chunk writes at once in the process: each holds one of libuv's 4 threads through its
// fdatasync, and the fourth must stay free for the reads that feed the CPUs.
const writes = new Semaphore(3);

export class ChunkWriter {
  private readonly made = new Set<string>();
  private readonly touched = new Set<string>();

  constructor(private readonly root: string) {}

  /** Notes that the manifest will reference a chunk in this directory (its entry must be durable). */
  reference(hash: string): void {
    this.touched.add(chunkDir(this.root, hash));
  }

  /** Stores `length` bytes of `data` (a slot region, with room to pad for direct I/O) as chunk `hash`. */
  write(hash: string, data: Buffer, length: number): Promise<void> {
    return writes.run(() => this.writeNow(hash, data, length));
  }

  private async writeNow(hash: string, data: Buffer, length: number): Promise<void> {
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
      await file.datasync();
    } catch (error) {
      await file.close().catch(() => {});
      await fs.rm(temp, { force: true });
      throw error;
    }
    await file.close();
    await fs.rename(temp, final);
    this.touched.add(dir);
  }

  /** Makes every rename and new directory durable: call before writing the manifest. */
  async sync(): Promise<void> {
    await Promise.all([...this.touched].map(fsyncDir));
    if (this.made.size) await Promise.all([fsyncDir(chunksDir(this.root)), fsyncDir(path.dirname(chunksDir(this.root)))]);
  }
}

/** Reads a stored chunk into `into`; returns its length, or a reason it cannot be used. */
export async function readChunkFile(root: string, hash: string, into: Buffer): Promise<{ length: number } | { bad: string }> {
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
