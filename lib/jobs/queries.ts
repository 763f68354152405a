import type { Db } from '@/lib/db/client';
import { parseLog, type LogLine } from './log';
import { isActive } from './status';
import type { JobRow, JobStatus } from './types';

// Reads for progress displays: plain numbers and ISO strings, so a view survives JSON (the
// polling route) and React's serialisation alike. Deciding who may see a job is the caller's.

export type JobSummary = {
  id: string;
  kind: string;
  status: JobStatus;
  active: boolean;
  instanceId: string | null;
  teamId: string | null;
  createdById: string | null;
  bytesDone: number;
  bytesTotal: number;
  /** 0-100, or null while the total is unknown. */
  percent: number | null;
  speedBps: number | null;
  etaSeconds: number | null;
  error: string | null;
  attempts: number;
  maxAttempts: number;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
};

export type JobDetail = JobSummary & { input: unknown; result: unknown; log: LogLine[] };

function toJobSummary(job: JobRow): JobSummary {
  const bytesDone = Number(job.bytesDone);
  const bytesTotal = Number(job.bytesTotal);
  return {
    id: job.id,
    kind: job.kind,
    status: job.status as JobStatus,
    active: isActive(job.status),
    instanceId: job.instanceId,
    teamId: job.teamId,
    createdById: job.createdById,
    bytesDone,
    bytesTotal,
    percent: bytesTotal > 0 ? Math.min(100, Math.floor((bytesDone / bytesTotal) * 100)) : null,
    speedBps: job.speedBps,
    etaSeconds: job.etaSeconds,
    error: job.error,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    cancelRequested: job.cancelRequested,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    updatedAt: job.updatedAt.toISOString(),
  };
}

function toJobDetail(job: JobRow): JobDetail {
  return { ...toJobSummary(job), input: job.input, result: job.result, log: parseLog(job.log) };
}

export async function getJob(db: Db, id: string): Promise<JobDetail | null> {
  const job = await db.job.findUnique({ where: { id } });
  return job ? toJobDetail(job) : null;
}

/** Newest first; `teamIds` null means every team and the jobs of no team (admins). */
export async function listJobs(
  db: Db,
  options: { teamIds: string[] | null; instanceId?: string; status?: JobStatus[]; limit?: number },
): Promise<JobSummary[]> {
  const jobs = await db.job.findMany({
    where: {
      ...(options.teamIds === null ? {} : { teamId: { in: options.teamIds } }),
      ...(options.instanceId ? { instanceId: options.instanceId } : {}),
      ...(options.status ? { status: { in: options.status } } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(options.limit ?? 50, 1), 500),
  });
  return jobs.map(toJobSummary);
}
