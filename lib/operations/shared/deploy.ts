import type { Db } from '@/lib/db/client';
import type { JobRow } from '@/lib/jobs';
import { DomainError } from '@/lib/domain/errors';
import { destroyInstance, provisionInstance, type NewInstance } from '@/lib/services/provisioning';
import { assertQuota, assertQuotaHeld } from '@/lib/services/quotas';

// Starting a deploy of a new instance from a copy (image or backup).

/** The new instance's team and label, as the deploy form chose them. */
export async function checkNewInstance(db: Db, accountId: string, teamId: string, label: string) {
  if (!(await db.team.findUnique({ where: { id: teamId } })))
    throw new DomainError('Choose one of the teams offered.', 'teamId');
  if (await db.instance.findFirst({ where: { accountId, label } }))
    throw new DomainError(`An instance called ${label} already exists.`, 'label');
}

/** Where a deploy's job goes: the new instance, its primary disk and the job's row fields. */
export type DeployJob = {
  target: { instanceId: string; diskId: string };
  options: { instanceId: string; teamId: string; createdById: string; lockKey: string };
};

/**
 * Creates the instance as provisioning with empty disks, and queues the job (`enqueue`) that
 * rebuilds its primary disk. If the job cannot be queued, the instance goes again, so no
 * provisioning instance is left without a job.
 */
export async function provisionForDeploy(
  db: Db,
  actor: { id: string },
  instance: NewInstance,
  enqueue: (job: DeployJob) => Promise<JobRow>,
) {
  await assertQuota(db, 'instances', instance.teamId, 'teamId');
  const created = await provisionInstance(db, { ...instance, status: 'provisioning' });
  await assertQuotaHeld(db, instance.teamId, () => destroyInstance(db, created.id));
  const primary = created.disks.find((d) => d.kind === 'primary')!;
  try {
    const queued = await enqueue({
      target: { instanceId: created.id, diskId: primary.id },
      options: { instanceId: created.id, teamId: instance.teamId, createdById: actor.id, lockKey: created.id },
    });
    return { instanceId: created.id, jobId: queued.id };
  } catch (error) {
    await destroyInstance(db, created.id);
    throw error;
  }
}
