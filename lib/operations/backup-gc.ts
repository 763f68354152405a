import { z } from 'zod';
import type { DbOrTx } from '@/lib/jobs';
import { kindsWhere, providerFor } from '@/lib/providers';
import { defineOperation } from './define';
import { collectAgainLater } from './shared/gc-later';

// Frees the chunks no backup of the region names any more (after backups were rotated out or deleted).

export const backupGc = defineOperation({
  kind: 'backup.gc',
  input: z.object({ region: z.string() }),
  label: 'Free backup storage',
  async run({ db, input, log }): Promise<{ freedBytes: number }> {
    const account = await db.providerAccount.findFirst({ where: { kind: { in: kindsWhere((t) => t.storesCopies) } } });
    if (!account) return { freedBytes: 0 };
    const { freedBytes, retryAfterMs } = await providerFor(account).collectBackupGarbage(input.region);
    log(`Freed ${freedBytes} bytes of unreferenced backup chunks in ${input.region}`);
    if (retryAfterMs)
      await collectAgainLater(log, retryAfterMs, (runAfter) =>
        backupGc.enqueueOnce(db, { input, lockKey: `backup-gc-later:${input.region}`, runAfter }),
      );
    return { freedBytes };
  },
});

/** Queues a collection of the region's backup chunks; one already queued frees these too. */
export function queueBackupGc(db: DbOrTx, region: string) {
  return backupGc.enqueueOnce(db, { input: { region }, lockKey: `backup-gc:${region}` }).then(() => undefined);
}
