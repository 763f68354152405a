import fs from 'node:fs/promises';

// Writes a disk image arriving as a stream (an upload's body) to a file, sparse: a 4 KiB block
// of zeros is skipped, not written, so a raw disk's empty space stays a hole on the host and the
// host's allocated bytes keep meaning its data. At most `maxBytes`; on any failure (too large,
// the client gone, aborted) the file is removed and the error passed on.

const BLOCK = 4096;
const BUFFER = 1024 * 1024;

export class ReceiveTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the stream passed ${maxBytes} bytes`);
    this.name = 'ReceiveTooLargeError';
  }
}

function isZero(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== 0) return false;
  return true;
}

export async function receiveSparse(
  source: AsyncIterable<Uint8Array>,
  file: string,
  options: { maxBytes: number; signal?: AbortSignal },
): Promise<{ bytes: number }> {
  const handle = await fs.open(file, 'wx');
  const buffer = Buffer.alloc(BUFFER);
  let filled = 0;
  let written = 0; // bytes of the file before the buffer
  // Writes the buffer's non-zero runs of whole blocks (the last, partial block is written as is).
  const flush = async () => {
    let runStart = -1;
    for (let at = 0; at < filled; at += BLOCK) {
      const end = Math.min(at + BLOCK, filled);
      const zero = isZero(buffer, at, end);
      if (!zero && runStart < 0) runStart = at;
      if (zero && runStart >= 0) {
        await handle.write(buffer, runStart, at - runStart, written + runStart);
        runStart = -1;
      }
    }
    if (runStart >= 0) await handle.write(buffer, runStart, filled - runStart, written + runStart);
    written += filled;
    filled = 0;
  };
  try {
    for await (const chunk of source) {
      options.signal?.throwIfAborted();
      if (written + filled + chunk.byteLength > options.maxBytes) throw new ReceiveTooLargeError(options.maxBytes);
      let offset = 0;
      while (offset < chunk.byteLength) {
        const n = Math.min(chunk.byteLength - offset, BUFFER - filled);
        buffer.set(chunk.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === BUFFER) await flush();
      }
    }
    options.signal?.throwIfAborted();
    await flush();
    // Trailing zeros were skipped: the length comes from truncate.
    await handle.truncate(written);
    await handle.sync();
    await handle.close();
    return { bytes: written };
  } catch (error) {
    await handle.close().catch(() => {});
    await fs.rm(file, { force: true });
    throw error;
  }
}
