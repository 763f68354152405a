import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Prisma } from '@/lib/generated/sqlite/client';
import type { Db } from '@/lib/db/client';
import type { DbOrTx, JobRow } from './types';
import { jobEnded, type JobEndStatus } from './hooks';
import { tallyJobEnd } from './tally';

// Every change of a job's state is a conditional update ("where status is X and the lease is
// mine"): whoever's update counts 1 row owns the transition, so two workers, a worker and a
// reaper, or a worker and a cancel never both win. Nothing stays locked while a handler runs.

/**
 * A client of its own rather than the client of an open transaction. Not "has $transaction":
 * Prisma 7's transaction clients have that too; only a plain client can $connect.
 */
export function isPlainClient(db: DbOrTx): db is Db {
  return '$connect' in db;
}

export function newWorkerId(prefix = 'worker'): string {
  return `${prefix}:${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

const ended = (now: Date) => ({
  lockKey: null,
  leaseOwner: null,
  leaseExpiresAt: null,
  finishedAt: now,
  speedBps: null,
  etaSeconds: null,
});

/** Claims the oldest runnable queued job of the given kinds, or returns null. */
export async function claimNext(db: Db, owner: string, leaseMs: number, kinds: string[]): Promise<JobRow | null> {
  if (kinds.length === 0) return null;
  const now = new Date();
  const candidates = await db.job.findMany({
    where: { status: 'queued', runAfter: { lte: now }, kind: { in: kinds } },
    orderBy: [{ runAfter: 'asc' }, { createdAt: 'asc' }],
    take: 8,
    select: { id: true },
  });
  for (const { id } of candidates) {
    const won = await db.job.updateMany({
      where: { id, status: 'queued' },
      data: {
        status: 'running',
        leaseOwner: owner,
        leaseExpiresAt: new Date(Date.now() + leaseMs),
        attempts: { increment: 1 },
        startedAt: now,
      },
    });
    // Another worker took it between the read and the update: try the next one.
    if (won.count === 1) return db.job.findUnique({ where: { id } });
  }
  return null;
}

/** Renews the leases of the jobs this worker runs; returns their rows as they are now. */
export async function renewLeases(db: Db, owner: string, ids: string[], leaseMs: number) {
  await db.job.updateMany({
    where: { id: { in: ids }, status: 'running', leaseOwner: owner },
    data: { leaseExpiresAt: new Date(Date.now() + leaseMs) },
  });
  return db.job.findMany({
    where: { id: { in: ids } },
    select: { id: true, status: true, leaseOwner: true, cancelRequested: true },
  });
}

/** Writes to a running job that `owner` still holds; false when the lease was lost. */
export async function updateOwned(
  db: DbOrTx,
  id: string,
  owner: string,
  data: Prisma.JobUpdateManyMutationInput,
): Promise<boolean> {
  const { count } = await db.job.updateMany({ where: { id, status: 'running', leaseOwner: owner }, data });
  return count === 1;
}

/** Ends a job this worker holds as succeeded, and tells the end hook; false when the lease was lost. */
export async function succeed(
  db: Db,
  id: string,
  owner: string,
  result: unknown,
  data: Prisma.JobUpdateManyMutationInput,
) {
  return endAudited(db, id, owner, 'succeeded', null, {
    ...data,
    // No result is SQL NULL, not JSON null.
    result: result === undefined || result === null ? Prisma.DbNull : toJson(result),
  });
}

export async function end(
  db: DbOrTx,
  id: string,
  owner: string,
  status: 'failed' | 'cancelled',
  error: string | null,
  data: Prisma.JobUpdateManyMutationInput,
) {
  return endAudited(db, id, owner, status, error, data);
}

/**
 * The job's last status, its tally (./tally.ts) and what the end hook writes (the app's audit entry) commit together (a
 * savepoint inside a caller's transaction): a job is never ended without its entry, nor audited as ended while it runs on.
 */
function endAudited(
  db: DbOrTx,
  id: string,
  owner: string,
  status: JobEndStatus,
  error: string | null,
  data: Prisma.JobUpdateManyMutationInput,
) {
  return (db as Db).$transaction(async (tx) => {
    const won = await updateOwned(tx, id, owner, { ...data, ...ended(new Date()), status, error });
    if (won) {
      await tallyJobEnd(tx, id, status);
      await jobEnded(tx, id, status, error);
    }
    return won;
  });
}

/** Back to the queue, keeping its lockKey: a retry after `delayMs`, or a release on shutdown. */
export function requeue(db: Db, id: string, owner: string, delayMs: number, data: Prisma.JobUpdateManyMutationInput) {
  return updateOwned(db, id, owner, {
    ...data,
    status: 'queued',
    leaseOwner: null,
    leaseExpiresAt: null,
    speedBps: null,
    etaSeconds: null,
    runAfter: new Date(Date.now() + delayMs),
  });
}

/** Takes over a running job whose lease expired (its worker died or hung); true if we won it. */
export async function takeOver(db: DbOrTx, id: string, owner: string, leaseMs: number): Promise<boolean> {
  const now = new Date();
  const { count } = await db.job.updateMany({
    where: { id, status: 'running', leaseExpiresAt: { lt: now } },
    data: { leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

/** A value as a Json column stores it: what JSON.stringify keeps (BigInts as numbers, undefined dropped). */
export function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? Number(v) : v)));
}
