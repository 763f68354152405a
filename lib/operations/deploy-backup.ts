import type { Db } from '@/lib/db/client';
import { JOB_NAMES } from '@/lib/domain/progress';
import { planFitsImage } from '@/lib/domain/images';
import { usableBackup } from '@/lib/services/backups';
import { catalogFor, planOf } from '@/lib/services/catalogs';
import { DomainError } from '@/lib/domain/errors';
import type { Actor } from '@/lib/services/images';
import { defineOperation } from './define';
import { backupOntoDiskInput, backupRef, loadBackupOntoDisk } from './shared/backups';
import { checkNewInstance, provisionForDeploy } from './shared/deploy';
import { backInService, newInstanceDisk, rebuilt, rememberRemoteId, removeUnfinished } from './shared/rebuild';

// Deploying a new instance from a backup: the instance is created as provisioning in the
// backup's region and the job rebuilds its primary disk from the backup.

export const deployBackup = defineOperation({
  kind: 'backup.deploy',
  input: backupOntoDiskInput,
  label: JOB_NAMES.deployBackup,
  async run({ db, input, progress, log, signal }) {
    const { backup, instance, provider, disk } = await loadBackupOntoDisk(
      db,
      input,
      'The new instance was removed before it was deployed.',
    );
    log(`Rebuilding the disk of ${instance.label} from a backup`);
    const deploying = provider.restoreBackup(await backupRef(db, backup), newInstanceDisk(instance, disk), {
      onProgress: progress,
      signal,
      log,
      onRemoteId: rememberRemoteId(db, instance.id),
    });
    const { digest } = await rebuilt(
      deploying,
      (error) =>
        `The backup is damaged and cannot be deployed${backup.teamId === instance.teamId ? `: ${error.message}` : '.'}`,
    );
    return backInService(db, instance.id, log, { digest, of: 'backup', created: true });
  },
  async onEnd({ db, input }) {
    await removeUnfinished(db, input.instanceId);
  },
});

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
  await checkNewInstance(db, source.accountId, input.teamId, input.label);
  return provisionForDeploy(
    db,
    actor,
    { accountId: source.accountId, teamId: input.teamId, label: input.label, region: backup.region, plan: plan.id },
    ({ target, options }) => deployBackup.enqueue(db, { ...options, input: { backupId: backup.id, ...target } }),
  );
}
