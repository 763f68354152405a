import 'server-only';
import { qcow2Layout, qcow2Metadata, qcow2Padding } from '@/lib/disks/qcow2';
import type { DownloadFormat } from '@/lib/domain/downloads';
import { readChunksInOrder, type Manifest, type OpenedStore, type OrderedChunk } from '@/lib/storage';

// A stored disk as one file, sent as it is read: raw (every byte of the disk, zeros where it
// holds none) or qcow2 (metadata first, then only the chunks that hold data). The size is known
// before the first byte, so the response can say it. The stream is pulled: a chunk is read only
// when the connection has taken the one before, so memory stays a few chunks whatever the disk,
// and a cancelled stream (the client went away) stops the reading.

export type DiskFile = { size: number; body: ReadableStream<Uint8Array> };

export function diskFileStream(
  store: OpenedStore,
  manifest: Manifest,
  format: DownloadFormat,
  opts: { signal?: AbortSignal; onError?: (error: unknown) => Promise<unknown> } = {},
): DiskFile {
  const chunks = readChunksInOrder(store, manifest, { signal: opts.signal });
  const layout =
    format === 'qcow2'
      ? qcow2Layout({
          sizeBytes: manifest.sizeBytes,
          chunkSize: manifest.chunkSize,
          data: manifest.chunks.map((c) => c !== null),
        })
      : null;
  const size = layout ? layout.fileSize : manifest.sizeBytes;
  const pieces = layout ? qcow2Pieces(layout, chunks) : rawPieces(manifest.chunkSize, chunks);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await pieces.next();
          if (!done) {
            sent += value.length;
            controller.enqueue(value);
            return;
          }
          // The header promised `size` bytes: a shortfall is a bug, and must not pass for a whole file.
          if (sent !== size) throw new Error(`the file came to ${sent} bytes, not the ${size} announced`);
          controller.close();
        } catch (error) {
          // Recorded before the connection breaks, so the record is there by the time the client knows.
          await opts.onError?.(error).catch(() => {});
          controller.error(error);
        }
      },
      async cancel() {
        await pieces.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
  return { size, body };
}

// A chunk's bytes live in a slot that is reused for the next read: what is queued is a copy.
async function* rawPieces(chunkSize: number, chunks: AsyncGenerator<OrderedChunk>) {
  const zeros = new Uint8Array(chunkSize); // never written: every hole is a view of it
  try {
    for await (const c of chunks) yield c.data ? Uint8Array.from(c.data) : zeros.subarray(0, c.length);
  } finally {
    await chunks.return(undefined);
  }
}

async function* qcow2Pieces(layout: ReturnType<typeof qcow2Layout>, chunks: AsyncGenerator<OrderedChunk>) {
  try {
    for (const cluster of qcow2Metadata(layout))
      yield new Uint8Array(cluster.buffer, cluster.byteOffset, cluster.length);
    for await (const c of chunks) {
      if (!c.data) continue;
      yield Uint8Array.from(c.data);
      const padding = qcow2Padding(c.length);
      if (padding) yield new Uint8Array(padding);
    }
  } finally {
    await chunks.return(undefined);
  }
}
