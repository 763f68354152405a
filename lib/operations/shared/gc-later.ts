import type { JobRow } from '@/lib/jobs';

// An object store keeps unreferenced chunks younger than its grace period (a capture on another
// host may be about to name them); the collection that found some queues one more for when they
// are old enough, so a deleted image's space comes back without waiting for the next deletion.
// One such follow-up at a time: a second finds the first queued and leaves it.

export async function collectAgainLater(
  log: (line: string) => void,
  afterMs: number,
  queue: (runAfter: Date) => Promise<JobRow | null>,
) {
  const runAfter = new Date(Date.now() + afterMs + 60_000);
  if (await queue(runAfter))
    log(
      `Some unreferenced chunks are younger than the store's grace period; collecting again at ${runAfter.toISOString()}`,
    );
}
