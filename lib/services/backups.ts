import type { Db } from '@/lib/db/client';
import { enqueueJob, InstanceBusyError } from '@/lib/jobs';
import { providerFor, traitsOf } from '@/lib/providers';
import { catalogFor, planOf } from './catalogs';
import { backupHealthOf, type BackupHealth } from '@/lib/domain/backups/overdue';
import { planFitsImage } from '@/lib/domain/images';
import { DomainError, NotFoundError } from '@/lib/domain/errors';
import type { Actor } from './images';
import { provisionForDeploy } from './provisioning';

// The backup service of one instance: enable, cancel, the manual snapshot, restore and verify.
// Callers have already checked the caller may act on the instance's team. Backups of an
// instance live in its region's backup store; none of this is bound by the image limits.

async function loadInstance(db: Db, instanceId: string) {
  const instance = await db.instance.findUnique({
    where: { id: instanceId },
    include: { account: true, disks: { where: { kind: 'primary' } } },
  });
  if (!instance || !instance.disks[0]) throw new NotFoundError('The instance');
  return { instance, primary: instance.disks[0] };
}

function busy(label: string) {
  return new DomainError(`${label} is busy with another disk operation. Wait for it to finish.`, undefined, 'busy');
}

export async function enableBackups(db: Db, instanceId: string, now = new Date()) {
  const { instance } = await loadInstance(db, instanceId);
  if (instance.backupsEnabled) return instance;
  await providerFor(instance.account).setBackups(instance, true);
  return db.instance.update({ where: { id: instance.id }, data: { backupsEnabled: true, backupsEnabledAt: now } });
}

/** Cancelling deletes every backup of the instance, the snapshot included (rows first, then data). */
export async function cancelBackups(db: Db, instanceId: string) {
  const { instance } = await loadInstance(db, instanceId);
  const running = await db.backup.count({ where: { instanceId, status: { in: ['pending', 'running'] } } });
  if (running > 0) throw busy(instance.label);
  const backups = await db.backup.findMany({ where: { instanceId } });
  const provider = providerFor(instance.account);
  // The provider first: if it refuses, nothing here changed.
  await provider.setBackups(instance, false);
  await db.$transaction([
    db.backup.deleteMany({ where: { instanceId } }),
    db.instance.update({ where: { id: instanceId }, data: { backupsEnabled: false, backupsEnabledAt: null } }),
  ]);
  for (const b of backups) await provider.deleteBackup(b);
  await queueBackupGc(db, instance.region);
  return backups.length;
}

export async function queueBackupGc(db: Db, region: string) {
  try {
    await enqueueJob(db, { kind: 'backup.gc', input: { region }, lockKey: `backup-gc:${region}` });
  } catch (error) {
    if (!(error instanceof InstanceBusyError)) throw error; // one already queued frees these too
  }
}

type NewBackup = { kind: 'snapshot' | 'automatic'; label?: string; windowStart?: Date };

/** Creates the backup row and its job together; the row stays pending until a worker runs it. */
export async function startBackup(db: Db, actor: Actor | null, instanceId: string, spec: NewBackup) {
  const { instance, primary } = await loadInstance(db, instanceId);
  if (!instance.backupsEnabled)
    throw new DomainError('Enable the backup service for this instance first.', undefined, 'disabled');
  try {
    return await db.$transaction(async (tx) => {
      const backup = await tx.backup.create({
        data: {
          instanceId: instance.id,
          teamId: instance.teamId,
          region: instance.region,
          kind: spec.kind,
          label: spec.label ?? '',
          diskId: primary.id,
          sizeBytes: primary.sizeBytes,
          windowStart: spec.windowStart,
          createdById: actor?.id,
          createdByName: actor?.name ?? 'Scheduler',
        },
      });
      const job = await enqueueJob(tx, {
        kind: 'backup.capture',
        // backupKind names the job (a snapshot or an automatic backup) wherever it is shown.
        input: { backupId: backup.id, backupKind: spec.kind },
        instanceId: instance.id,
        teamId: instance.teamId,
        createdById: actor?.id,
        lockKey: instance.id,
      });
      await tx.backup.update({ where: { id: backup.id }, data: { jobId: job.id } });
      return { backupId: backup.id, jobId: job.id };
    });
  } catch (error) {
    if (error instanceof InstanceBusyError) throw busy(instance.label);
    throw error;
  }
}

export function startSnapshot(db: Db, actor: Actor, instanceId: string, label: string) {
  return startBackup(db, actor, instanceId, { kind: 'snapshot', label });
}

/** A backup fit to restore from: successful and not found damaged by verify. */
export async function usableBackup(db: Db, backupId: string) {
  const backup = await db.backup.findUnique({ where: { id: backupId } });
  if (!backup) throw new NotFoundError('The backup');
  if (backup.status !== 'successful') throw new DomainError('Only a successful backup can be restored.', 'backupId');
  if (backup.damaged)
    throw new DomainError('This backup failed verification and cannot be used. Choose another backup.', 'backupId');
  return backup;
}

/** Restores onto an instance of the same region, replacing its primary disk. */
export async function startRestore(db: Db, actor: Actor, backupId: string, targetInstanceId: string) {
  const backup = await usableBackup(db, backupId);
  const { instance, primary } = await loadInstance(db, targetInstanceId);
  const source = await db.instance.findUnique({ where: { id: backup.instanceId }, select: { accountId: true } });
  if (instance.region !== backup.region || source?.accountId !== instance.accountId) {
    throw new DomainError(
      'A backup can only be restored to an instance in its own region and account.',
      'targetInstanceId',
    );
  }
  // A remote provider replaces all the target's disks and checks the fit itself.
  if (!traitsOf(instance.account.kind).remote && primary.sizeBytes < backup.sizeBytes) {
    throw new DomainError(`${instance.label}'s disk is smaller than the backup.`, 'targetInstanceId');
  }
  try {
    const job = await enqueueJob(db, {
      kind: 'backup.restore',
      input: { backupId: backup.id, instanceId: instance.id, diskId: primary.id },
      instanceId: instance.id,
      teamId: instance.teamId,
      createdById: actor.id,
      lockKey: instance.id,
    });
    return { jobId: job.id };
  } catch (error) {
    if (error instanceof InstanceBusyError) throw busy(instance.label);
    throw error;
  }
}

export async function startVerify(db: Db, actor: Actor | null, backupId: string) {
  const backup = await db.backup.findUnique({
    where: { id: backupId },
    include: { instance: { select: { account: { select: { kind: true } } } } },
  });
  if (!backup || backup.status !== 'successful') throw new DomainError('Only a successful backup can be verified.');
  if (!traitsOf(backup.instance.account.kind).canVerifyBackups)
    throw new DomainError(
      'Linode keeps its backups where Lifeboat cannot read them, so they cannot be verified here.',
      undefined,
      'unsupported',
    );
  const job = await enqueueJob(db, {
    kind: 'backup.verify',
    input: { backupId },
    teamId: backup.teamId,
    createdById: actor?.id,
    instanceId: backup.instanceId,
  });
  return { jobId: job.id };
}

export async function updateSchedule(db: Db, instanceId: string, day: string, window: string) {
  const { instance } = await loadInstance(db, instanceId);
  await providerFor(instance.account).setBackupSchedule(instance, { day, window });
  return db.instance.update({ where: { id: instanceId }, data: { backupDay: day, backupWindow: window } });
}

/** A new instance from a successful backup: same region only, a plan whose disk holds it. */
export async function startDeployFromBackup(
  db: Db,
  actor: Actor,
  input: { backupId: string; label: string; teamId: string; plan: string },
) {
  const backup = await usableBackup(db, input.backupId);
  const source = await db.instance.findUniqueOrThrow({ where: { id: backup.instanceId }, include: { account: true } });
  const plan = planOf(await catalogFor(source.account), input.plan);
  if (!plan) throw new DomainError('Choose one of the plans offered.', 'plan');
  const fits = planFitsImage(plan.diskBytes, Number(backup.sizeBytes));
  if (!fits.ok) throw new DomainError(`${plan.label}: ${fits.reason.replace('image', 'backup')}.`, 'plan');
  if (!(await db.team.findUnique({ where: { id: input.teamId } })))
    throw new DomainError('Choose one of the teams offered.', 'teamId');
  if (await db.instance.findFirst({ where: { accountId: source.accountId, label: input.label } }))
    throw new DomainError(`An instance called ${input.label} already exists.`, 'label');
  return provisionForDeploy(
    db,
    actor,
    { accountId: source.accountId, teamId: input.teamId, label: input.label, region: backup.region, plan: plan.id },
    { kind: 'backup.deploy', input: { backupId: backup.id } },
  );
}

export type { BackupHealth };

/**
 * Backup health of instances for lists and the overview (the rule is backupHealthOf): overdue
 * when no successful backup came in the last 26 hours while enabled; failed when the latest
 * backup attempt failed; waiting while a freshly enabled instance has had no backup yet.
 */
export async function backupHealth(
  db: Db,
  instances: { id: string; backupsEnabled: boolean; backupsEnabledAt: Date | null }[],
  now = new Date(),
) {
  const enabled = instances.filter((i) => i.backupsEnabled).map((i) => i.id);
  const [successes, latest] = await Promise.all([
    db.backup.groupBy({
      by: ['instanceId'],
      where: { instanceId: { in: enabled }, status: 'successful' },
      _max: { takenAt: true },
    }),
    db.backup.findMany({
      where: { instanceId: { in: enabled }, status: { in: ['successful', 'failed'] } },
      orderBy: { createdAt: 'desc' },
      distinct: ['instanceId'],
      select: { instanceId: true, status: true },
    }),
  ]);
  const lastSuccess = new Map(successes.map((s) => [s.instanceId, s._max.takenAt]));
  const lastStatus = new Map(latest.map((l) => [l.instanceId, l.status as 'successful' | 'failed']));
  const health = new Map<string, BackupHealth>();
  for (const i of instances) {
    health.set(
      i.id,
      backupHealthOf(
        {
          enabled: i.backupsEnabled,
          lastSuccessAt: lastSuccess.get(i.id) ?? null,
          enabledAt: i.backupsEnabledAt,
          lastAttempt: lastStatus.get(i.id) ?? null,
        },
        now,
      ),
    );
  }
  return health;
}
