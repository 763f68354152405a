// Which way of using both cores is faster for the chunk work (SHA-256 + zstd level 1)?
//   npx tsx scripts/bench/threads.ts [--mixed]
// A: lib/storage's pool of two worker threads (what the store uses);
// B: libuv's thread pool (crypto.subtle.digest runs there) with zstd on the main thread, since
//    zstd-napi has no asynchronous API;
// C: everything on the main thread, for reference.
// In every variant the main thread also feeds each chunk to a whole-disk SHA-256, as capture did
// before the chunk-list disk digest (lib/storage/digest.ts; it no longer does). Same 256 MiB of chunks (60 % random, 40 % text, like the bench disk's data), in memory;
// median of 5 runs.
import { createHash, webcrypto } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compressInto } from '../../lib/storage/chunk-worker.mjs';
import { closeChunkPool } from '../../lib/storage/index';
import { runChunkTask } from '../../lib/storage/pool';
import { SlotPool } from '../../lib/storage/slots';
import { STRIPE, stripeContent } from './disk';

const COUNT = 64;
// --mixed: every chunk half random, half text, so zstd does real work on all of it.
const mixed = process.argv.includes('--mixed');
const chunks = Array.from({ length: COUNT }, (_, i) => {
  if (!mixed) return stripeContent(i % 5 < 3 ? 'random' : 'text', i)!;
  const chunk = stripeContent('text', i)!;
  stripeContent('random', i)!.copy(chunk, 0, 0, STRIPE / 2);
  return chunk;
});
// The store's own compression (zstd level 1, raw frames for incompressible chunks) on this thread.
const out = Buffer.alloc(STRIPE + 64 * 1024);
const compress = (chunk: Buffer) => compressInto(chunk, out) as number;

async function time(name: string, fn: (whole: ReturnType<typeof createHash>) => Promise<void>) {
  await fn(createHash('sha256')); // warm up (worker start, JIT)
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const started = performance.now();
    await fn(createHash('sha256'));
    runs.push((performance.now() - started) / 1000);
  }
  const s = runs.sort((a, b) => a - b)[2];
  console.log(`${name.padEnd(48)} ${s.toFixed(3)} s  ${((COUNT * STRIPE) / 2 ** 20 / s).toFixed(0)} MiB/s`);
}

const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'lifeboat-threads-'));
const pool = new SlotPool(STRIPE, 4);
const slots = await Promise.all(Array.from({ length: 4 }, () => pool.acquire()));

await time('A: 2 worker threads (hash + zstd in workers)', async (whole) => {
  let next = 0;
  await Promise.all(
    slots.map(async (slot) => {
      while (next < COUNT) {
        chunks[next++].copy(slot.input.buf);
        const task = runChunkTask({ op: 'capture', chunksDir: empty }, slot.input, STRIPE, slot.output);
        whole.update(slot.input.buf.subarray(0, STRIPE));
        await task;
      }
    }),
  );
});

await time('B: libuv pool (subtle.digest) + zstd on main', async (whole) => {
  for (const chunk of chunks) {
    const digest = webcrypto.subtle.digest('SHA-256', chunk);
    compress(chunk);
    whole.update(chunk);
    await digest;
  }
});

await time('B2: as B, 4 chunks in flight', async (whole) => {
  let next = 0;
  await Promise.all(
    [0, 1, 2, 3].map(async () => {
      while (next < COUNT) {
        const chunk = chunks[next++];
        const digest = webcrypto.subtle.digest('SHA-256', chunk);
        compress(chunk);
        whole.update(chunk);
        await digest;
      }
    }),
  );
});

await time('C: main thread only', async (whole) => {
  for (const chunk of chunks) {
    whole.update(chunk);
    createHash('sha256').update(chunk).digest();
    compress(chunk);
  }
});

await closeChunkPool();
await fs.rm(empty, { recursive: true });
