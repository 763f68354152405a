import 'server-only';
import { getActiveCaller, requireCaller } from '@/lib/auth/session';
import { can, readableTeamIds, type Caller } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { jobName } from '@/lib/operations';

// Job reads for progress displays: scoped to the caller's teams (jobs without a team, such as
// storage clean-up, are for admins only).

export type JobView = {
  id: string;
  kind: string;
  /** The job's one name (its operation's label, lib/operations/): what its panel is titled. */
  name: string;
  status: string;
  bytesDone: number;
  bytesTotal: number;
  speedBps: number | null;
  etaSeconds: number | null;
  log: string[];
  error: string | null;
  result: unknown;
  canCancel: boolean;
  createdAt: string;
  finishedAt: string | null;
};

type JobRow = NonNullable<Awaited<ReturnType<ReturnType<typeof db>['job']['findUnique']>>>;

function visible(caller: Caller, job: { teamId: string | null }) {
  return can(caller, 'read', job.teamId);
}

function toJobView(caller: Caller, job: JobRow): JobView {
  return {
    id: job.id,
    kind: job.kind,
    name: jobName(job.kind, job.input),
    status: job.status,
    bytesDone: Number(job.bytesDone),
    bytesTotal: Number(job.bytesTotal),
    speedBps: job.speedBps,
    etaSeconds: job.etaSeconds,
    log: job.log ? job.log.split('\n').filter(Boolean) : [],
    error: job.error,
    result: job.result,
    canCancel: (job.status === 'queued' || job.status === 'running') && can(caller, 'write', job.teamId),
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** One job for the progress poller; null when missing or not the caller's to see (PasswordChangeRequiredError before a one-time password is replaced). */
export async function readJob(id: string): Promise<JobView | null> {
  const caller = await getActiveCaller();
  if (!caller) return null;
  const job = await db().job.findUnique({ where: { id } });
  if (!job || !visible(caller, job)) return null;
  return toJobView(caller, job);
}

/** The instance's running or queued disk operation, if any: the instance shows as busy meanwhile. */
export async function readActiveInstanceJob(instanceId: string): Promise<JobView | null> {
  const caller = await requireCaller();
  const job = await db().job.findFirst({ where: { instanceId, status: { in: ['queued', 'running'] } }, orderBy: { createdAt: 'desc' } });
  return job && visible(caller, job) ? toJobView(caller, job) : null;
}

/** Recent jobs for the activity page. */
export async function readRecentJobs(limit = 50): Promise<JobView[]> {
  const caller = await requireCaller();
  const scope = readableTeamIds(caller);
  const jobs = await db().job.findMany({
    where: scope === null ? {} : { teamId: { in: scope } },
    orderBy: { createdAt: 'desc' },
    take: limit,
  });
  return jobs.map((j) => toJobView(caller, j));
}
