import { compressBound, roundUpToPage } from './chunking';
import { IDLE_MS } from './pool';
import { SEAL_OVERHEAD } from './seal';

// Bounded in-flight memory. An operation works through a fixed set of slots, each a pair of
// regions (raw chunk in, compressed chunk out or the reverse); reading chunk i waits for a free
// slot, so memory stays fixed whatever the disk size.
//
// Capture also has spare output regions: a new chunk's compressed bytes wait for their
// (fsync'd, slow) write in the region they were compressed into, while the slot takes a spare and
// moves on to the next chunk. Without this, slow writes held slots and starved reading and hashing.
// Slots are taken in disk order and spares are returned by writes alone, so no wait can form a cycle.

export type Region = { sab: SharedArrayBuffer; off: number; size: number; buf: Buffer };

export type Slot = { input: Region; output: Region };

// All regions of a pool are carved from one SharedArrayBuffer of at least 32 MiB. Allocations that
// large are always mmap'd by glibc, which places the data 16 bytes into a fresh page, so regions
// starting at byte 4096 - 16 of the buffer are page-aligned, as O_DIRECT wants. If an allocator
// does otherwise, direct I/O answers EINVAL and direct-io.ts falls back to buffered I/O.
const MMAP_ALWAYS = 32 * 1024 * 1024;
const PAGE = 4096;
const GLIBC_MMAP_HEADER = 16;

function regions(count: number, size: number): Region[] {
  const sab = new SharedArrayBuffer(Math.max(MMAP_ALWAYS, count * size + PAGE));
  const base = PAGE - GLIBC_MMAP_HEADER;
  return Array.from({ length: count }, (_, i) => {
    const off = base + i * size;
    return { sab, off, size, buf: Buffer.from(sab, off, size) };
  });
}

/** A FIFO pool of things: acquire() waits while none is free. */
export class Pool<T> {
  private waiters: ((item: T) => void)[] = [];

  constructor(private readonly free: T[]) {}

  acquire(): Promise<T> {
    const item = this.free.pop();
    return item !== undefined ? Promise.resolve(item) : new Promise((resolve) => this.waiters.push(resolve));
  }

  release(item: T): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(item);
    else this.free.push(item);
  }
}

/** Capture: 6 chunks in flight plus 8 compressed chunks waiting for their writes (80 MiB). */
export const CAPTURE_SLOTS = { slots: 6, spares: 8 };
/** Restore, verify and digestFile: 12 chunks in flight (96 MiB). Reading and writing wait on the
 *  device, so more in flight keeps it busy while a slow chunk holds up the slots (measured when a
 *  whole-disk SHA-256 still took chunks strictly in order: 6 slots ~2.8 s for the bench disk, 14 ~2.4 s). */
export const READ_SLOTS = { slots: 12, spares: 0 };
/** A download: 4 chunks read ahead of the one being sent (32 MiB). The client's connection sets
 *  the pace, so more read-ahead would only hold memory per download for longer. */
export const STREAM_SLOTS = { slots: 4, spares: 0 };

export class SlotPool extends Pool<Slot> {
  readonly spares: Pool<Region>;

  constructor(
    readonly chunkSize: number,
    readonly slotCount: number,
    readonly spareCount = 0,
  ) {
    // Either side may hold compressed data (capture output, restore input), so both get the bound,
    // and room for the seal of an encrypted store.
    const all = regions(2 * slotCount + spareCount, roundUpToPage(compressBound(chunkSize) + SEAL_OVERHEAD));
    super(Array.from({ length: slotCount }, (_, i) => ({ input: all[2 * i], output: all[2 * i + 1] })));
    this.spares = new Pool(all.slice(2 * slotCount));
  }

  /** Gives the slot a spare output region and returns its old one, which the caller must hand
   *  back with spares.release() when done with it. */
  async detachOutput(slot: Slot): Promise<Region> {
    const spare = await this.spares.acquire();
    const old = slot.output;
    slot.output = spare;
    return old;
  }
}

/** Counts permits: used to cap concurrent fsync'd writes so libuv's 4 threads are not all blocked
 *  in fdatasync while reads wait behind them. */
export class Semaphore {
  private readonly pool: Pool<true>;

  constructor(permits: number) {
    this.pool = new Pool(Array.from({ length: permits }, () => true as const));
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.pool.acquire();
    try {
      return await fn();
    } finally {
      this.pool.release(true);
    }
  }
}

// Slot pools outlive operations: SharedArrayBuffers are freed only when every thread that saw
// them has collected its views, which idle workers rarely do, so a new pool per operation made
// memory grow with each capture. One idle pool per shape is kept for the next operation, and
// dropped after IDLE_MS unused (when the idle workers are stopped too, see pool.ts).
const idle = new Map<string, { pool: SlotPool; timer: NodeJS.Timeout }>();

/** A pool of this shape for an operation's use: the idle one if there is one. Give it back with
 *  giveBackSlotPool() once nothing uses its regions any more. */
export function takeSlotPool(chunkSize: number, shape: { slots: number; spares: number }): SlotPool {
  const key = `${chunkSize}/${shape.slots}/${shape.spares}`;
  const kept = idle.get(key);
  idle.delete(key);
  clearTimeout(kept?.timer);
  return kept?.pool ?? new SlotPool(chunkSize, shape.slots, shape.spares);
}

export function giveBackSlotPool(pool: SlotPool): void {
  const key = `${pool.chunkSize}/${pool.slotCount}/${pool.spareCount}`;
  clearTimeout(idle.get(key)?.timer);
  const timer = setTimeout(() => idle.get(key)?.pool === pool && idle.delete(key), IDLE_MS);
  timer.unref();
  idle.set(key, { pool, timer });
}

export async function withSlotPool<T>(
  chunkSize: number,
  shape: { slots: number; spares: number },
  fn: (pool: SlotPool) => Promise<T>,
): Promise<T> {
  const pool = takeSlotPool(chunkSize, shape);
  try {
    return await fn(pool);
  } finally {
    giveBackSlotPool(pool);
  }
}
