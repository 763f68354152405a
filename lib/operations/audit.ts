import type { Db } from '@/lib/db/client';
import type { DbOrTx, JobEndStatus } from '@/lib/jobs';
import { recordAudit } from '@/lib/db/audit';

// A long operation's end goes into the audit log too: the action that started it recorded only
// that it began, and the scheduler's own backups start with no action at all. The entry is
// "<kind>.finished" (image.capture.finished), so the log's action filter groups it with its kind.
// It is written under the job's team and names only that team's resources: a deploy or restore
// from another team's image or backup keeps that source out of its words (see the operations).
// The job engine calls this through its end hook (registerOperations wires it in).

export async function auditJobEnd(
  db: DbOrTx,
  jobId: string,
  status: JobEndStatus,
  error: string | null,
  catalog: { jobName(kind: string, input: unknown): string; audited(kind: string): boolean },
) {
  const client = db as Db;
  const job = await client.job.findUnique({
    where: { id: jobId },
    select: { kind: true, input: true, teamId: true, createdById: true, instanceId: true },
  });
  if (!job || !catalog.audited(job.kind)) return;
  const [actor, instance] = await Promise.all([
    job.createdById ? client.user.findUnique({ where: { id: job.createdById }, select: { email: true } }) : null,
    job.instanceId
      ? client.instance.findUnique({ where: { id: job.instanceId }, select: { label: true, teamId: true } })
      : null,
  ]);
  // The entry is the job's team's, so it names the instance only while that team owns it.
  const label = instance && instance.teamId === job.teamId ? instance.label : job.kind;
  await recordAudit(client, {
    action: `${job.kind}.finished`,
    result: status === 'succeeded' ? 'success' : 'failure',
    actorId: job.createdById,
    actorEmail: actor?.email ?? (job.createdById ? '' : 'system'),
    targetType: 'job',
    targetId: jobId,
    targetLabel: label,
    teamId: job.teamId,
    // Opens with the job's own name (the one its button and panel show): the action code alone
    // cannot tell a snapshot from an automatic backup.
    detail: `${catalog.jobName(job.kind, job.input)}: ${status === 'succeeded' ? 'done' : status}.${error ? ` ${error}` : ''}`,
  });
}
