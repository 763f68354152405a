import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { JOB_NAMES } from '@/lib/domain/progress';
import { descriptorOf } from '@/lib/providers';
import { DomainError } from '@/lib/domain/errors';
import type { Actor } from '@/lib/services/images';
import { defineOperation } from './define';
import { loadInstance } from './shared/rebuild';

// Reading a backup back and checking every chunk against its digest; a damaged backup is marked
// so and never restored from. The scheduler verifies each backup once a week (scheduler.ts).

export const verifyBackup = defineOperation({
  kind: 'backup.verify',
  input: z.object({ backupId: z.string() }),
  label: JOB_NAMES.verify,
  async run({ db, input, progress, log, signal }) {
    const backup = await db.backup.findUnique({ where: { id: input.backupId } });
    if (!backup || backup.status !== 'successful') return { skipped: true };
    const { provider } = await loadInstance(db, backup.instanceId);
    const result = await provider.verifyBackup(backup.id, backup.region, { onProgress: progress, signal });
    await db.backup.update({ where: { id: backup.id }, data: { damaged: !result.ok, verifiedAt: new Date() } });
    log(result.ok ? 'Every chunk checked out' : `Damaged: ${result.problems.join('; ')}`);
    return result;
  },
});

export async function startVerify(db: Db, actor: Actor | null, backupId: string) {
  const backup = await db.backup.findUnique({
    where: { id: backupId },
    include: { instance: { select: { account: { select: { kind: true } } } } },
  });
  if (!backup || backup.status !== 'successful') throw new DomainError('Only a successful backup can be verified.');
  const provider = descriptorOf(backup.instance.account.kind);
  if (!provider.traits.canVerifyBackups)
    throw new DomainError(
      provider.copy.cannotVerify ?? 'These backups cannot be verified here.',
      undefined,
      'unsupported',
    );
  const job = await verifyBackup.enqueue(db, {
    input: { backupId },
    teamId: backup.teamId,
    createdById: actor?.id,
    instanceId: backup.instanceId,
  });
  return { jobId: job.id };
}
