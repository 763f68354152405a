import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs/promises';

// The whole-disk digest is plain SHA-256 of the logical disk, zeros included, so `sha256sum disk`
// and digestFile() agree with a manifest. SHA-256 is sequential: chunks processed in parallel are
// fed back into it strictly in disk order by OrderedDigest.

/** Feeds chunks into one SHA-256 in index order, whatever order they arrive in. */
export class OrderedDigest {
  private readonly hash: Hash = createHash('sha256');
  private next = 0;
  private readonly waiting = new Map<number, { data: Uint8Array | null; done: () => void }>();
  /** Set once a chunk could not be fed (verify of a damaged chunk): the digest is then unknown. */
  broken = false;

  /** Resolves once `data` has been hashed, i.e. when the caller may reuse its memory.
   *  `null` marks a chunk whose bytes are unknown. */
  feed(index: number, data: Uint8Array | null): Promise<void> {
    return new Promise((done) => {
      this.waiting.set(index, { data, done });
      this.drain();
    });
  }

  private drain(): void {
    for (let item = this.waiting.get(this.next); item; item = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      if (item.data === null) this.broken = true;
      else if (!this.broken) this.hash.update(item.data);
      this.next++;
      item.done();
    }
  }

  /** Hex digest, or null if a chunk was missing or the chunks are not all in yet. */
  digest(expectedChunks: number): string | null {
    if (this.broken || this.next !== expectedChunks || this.waiting.size) return null;
    return this.hash.digest('hex');
  }
}

/** SHA-256 (hex) of a file's whole content, read in 4 MiB blocks with the next read in flight. */
export async function digestFile(file: string, opts: { signal?: AbortSignal } = {}): Promise<string> {
  const BLOCK = 4 * 1024 * 1024;
  const hash = createHash('sha256');
  const handle = await fs.open(file, 'r');
  try {
    const buffers = [Buffer.allocUnsafe(BLOCK), Buffer.allocUnsafe(BLOCK)];
    let which = 0;
    let reading = handle.read(buffers[0], 0, BLOCK, null);
    for (;;) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) break;
      opts.signal?.throwIfAborted();
      const current = buffers[which];
      which ^= 1;
      reading = handle.read(buffers[which], 0, BLOCK, null);
      hash.update(current.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
