import { setTimeout as sleep } from 'node:timers/promises';
import { db as appDb, type Db } from '@/lib/db/client';
import { StoreBusyError, type Lease, type StoreCoordinator } from '@/lib/storage/coordinator';
import { currentProcess } from '@/lib/storage/process-identity';

// The leases of lib/storage/coordinator.ts kept in the database, the one thing every Lifeboat host
// sharing an object store also shares. Each side writes its own row first and then looks for the
// other's (a Dekker handshake on committed rows, as sign-in throttling does): a capture inserts
// its lease, then backs off if a collection holds the store; a collection inserts the store's one
// gc row (the primary key makes it exclusive), then waits until no capture lease is left. Rows are
// refreshed every HEARTBEAT_MS; one older than STALE_MS belongs to a process that died and is
// removed by whoever finds it.

const HEARTBEAT_MS = 15_000;
export const STALE_MS = 2 * 60_000;
const POLL_MS = 250;

const isUnique = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';
const holder = () => {
  const me = currentProcess();
  return `${me.host} pid ${me.pid}`;
};

export function databaseCoordinator(client: () => Db = appDb): StoreCoordinator {
  const fresh = () => ({ gt: new Date(Date.now() - STALE_MS) });

  const clearStale = (store: string) =>
    client().storeLease.deleteMany({ where: { store, heartbeatAt: { lte: new Date(Date.now() - STALE_MS) } } });

  const take = async (id: string, store: string, kind: 'capture' | 'gc'): Promise<boolean> => {
    try {
      await client().storeLease.create({ data: { id, store, kind, holder: holder(), heartbeatAt: new Date() } });
      return true;
    } catch (error) {
      if (isUnique(error)) return false;
      throw error;
    }
  };

  const held = (id: string): Lease => {
    const timer = setInterval(
      () =>
        void client()
          .storeLease.updateMany({ where: { id }, data: { heartbeatAt: new Date() } })
          .catch(() => {}),
      HEARTBEAT_MS,
    );
    timer.unref();
    return {
      async release() {
        clearInterval(timer);
        await client().storeLease.deleteMany({ where: { id } });
      },
    };
  };

  return {
    async beginCapture(store, manifestId, signal) {
      const id = `capture:${store}:${manifestId}`;
      for (;;) {
        signal?.throwIfAborted();
        await clearStale(store);
        if (!(await take(id, store, 'capture'))) {
          const other = await client().storeLease.findUnique({ where: { id } });
          throw new StoreBusyError(
            `A capture of ${manifestId} is already in progress${other ? ` (${other.holder})` : ''}.`,
          );
        }
        const gc = await client().storeLease.findFirst({ where: { store, kind: 'gc', heartbeatAt: fresh() } });
        if (!gc) return held(id);
        await client().storeLease.deleteMany({ where: { id } });
        await sleep(POLL_MS);
      }
    },

    async beginCollection(store, signal) {
      const id = `gc:${store}`;
      for (;;) {
        signal?.throwIfAborted();
        await clearStale(store);
        if (await take(id, store, 'gc')) break;
        await sleep(POLL_MS);
      }
      const lease = held(id);
      try {
        let waited = 0;
        for (;;) {
          const captures = await client().storeLease.count({ where: { store, kind: 'capture', heartbeatAt: fresh() } });
          waited = Math.max(waited, captures);
          if (!captures) break;
          signal?.throwIfAborted();
          await sleep(POLL_MS);
        }
        return { capturesWaitedFor: waited, release: lease.release };
      } catch (error) {
        await lease.release();
        throw error;
      }
    },
  };
}
