import { z } from 'zod';
import { JOB_NAMES } from '@/lib/domain/progress';
import type { DbOrTx } from '@/lib/jobs';
import { syncAccount } from '@/lib/services/sync';
import { defineOperation } from './define';
import { remote } from './shared/remote';

// Reads a remote account into Lifeboat (lib/services/sync.ts). Safe to run again at any time.

export const accountSync = defineOperation({
  kind: 'account.sync',
  input: z.object({ accountId: z.string() }),
  label: JOB_NAMES.sync,
  async run({ db, input, log, progress }) {
    const account = await db.providerAccount.findUnique({ where: { id: input.accountId } });
    if (!account) return { skipped: true };
    // Listing comes first and is not counted; progress is the share of instances written back.
    const result = await remote(syncAccount(db, account.id, progress));
    log(
      `Read ${result.instances} instance(s) and ${result.images} image(s) from ${account.name}; ${result.removed} gone`,
    );
    return result;
  },
});

/** Queues a sync of the account; one at a time per account (a second request joins the first). */
export function queueSync(db: DbOrTx, accountId: string, createdById?: string) {
  return accountSync.enqueueOnce(db, {
    input: { accountId },
    createdById,
    lockKey: `sync:${accountId}`,
    maxAttempts: 2,
  });
}
