import type { Db } from '@/lib/db/client';
import { eventForJobEnd, summaryOf } from '@/lib/domain/alerts/events';
import type { DbOrTx, JobEndStatus } from '@/lib/jobs';
import { raiseAlert } from './raise';

// The alerts a job's end raises (a failed backup, capture, restore or deploy; a verify that
// found damage; a successful backup for those who asked). The job engine calls this through its
// end hook, in the transaction that ends the job, beside the audit entry: the end hook runs only
// for the one caller that won the job's last transition, so each end raises its alert once.

export async function alertJobEnd(
  db: DbOrTx,
  jobId: string,
  status: JobEndStatus,
  error: string | null,
  catalog: { jobName(kind: string, input: unknown): string },
) {
  const client = db as Db;
  const job = await client.job.findUnique({
    where: { id: jobId },
    select: { kind: true, input: true, result: true, teamId: true, instanceId: true },
  });
  if (!job?.teamId) return;
  const event = eventForJobEnd({ kind: job.kind, status, result: job.result });
  if (!event) return;
  const instance = job.instanceId
    ? await client.instance.findUnique({
        where: { id: job.instanceId },
        select: { id: true, label: true, teamId: true },
      })
    : null;
  // Like the audit entry, the alert names only the job's own team's instance.
  const own = instance && instance.teamId === job.teamId ? { id: instance.id, label: instance.label } : null;
  const name = catalog.jobName(job.kind, job.input);
  const problems = (job.result as { problems?: unknown } | null)?.problems;
  await raiseAlert(client, {
    teamId: job.teamId,
    type: event,
    summary: summaryOf(event, {
      jobName: name,
      instance: own?.label ?? null,
      error,
      problems: Array.isArray(problems) ? problems.map(String) : [],
    }),
    data: { job: { id: jobId, kind: job.kind, name }, instance: own, error },
  });
}
