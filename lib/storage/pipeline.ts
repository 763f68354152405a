import type { Pool, Slot } from './slots';

// The shape shared by capture, restore and verify: chunks start in disk order, each holding one
// slot until its work is done, so at most `slots` chunks are in flight. Work that may finish after
// the slot is free (capture's chunk writes) is handed to `later`. The first failure stops new
// chunks from starting; everything already running is awaited (never abandoned half-written)
// before the error is rethrown. An aborted signal stops the same way and rethrows its reason.

export type Progress = (bytesDone: number, bytesTotal: number) => void;

export async function forEachChunk(
  count: number,
  slots: Pool<Slot>,
  signal: AbortSignal | undefined,
  work: (index: number, slot: Slot, later: (task: Promise<void>) => void) => Promise<void>,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  const inflight = new Set<Promise<void>>();
  const later = (task: Promise<void>) => {
    const tracked: Promise<void> = task
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => inflight.delete(tracked));
    inflight.add(tracked);
  };
  for (let index = 0; index < count && !failure && !signal?.aborted; index++) {
    const slot = await slots.acquire();
    if (failure || signal?.aborted) {
      slots.release(slot);
      break;
    }
    const task: Promise<void> = work(index, slot, later)
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => {
        slots.release(slot);
        inflight.delete(task);
      });
    inflight.add(task);
  }
  while (inflight.size) await Promise.all(inflight);
  if (failure) throw failure.error;
  signal?.throwIfAborted();
}
