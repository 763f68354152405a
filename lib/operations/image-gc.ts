import { z } from 'zod';
import type { DbOrTx } from '@/lib/jobs';
import { providerFor } from '@/lib/providers';
import { defineOperation } from './define';
import { collectAgainLater } from './shared/gc-later';

// Frees the chunks no image of the account names any more (after an image was deleted).

export const imageGc = defineOperation({
  kind: 'image.gc',
  input: z.object({ accountId: z.string() }),
  label: 'Free image storage',
  async run({ db, input, log }): Promise<{ freedBytes: number }> {
    const account = await db.providerAccount.findUnique({ where: { id: input.accountId } });
    if (!account) return { freedBytes: 0 };
    const { freedBytes, retryAfterMs } = await providerFor(account).collectImageGarbage();
    log(`Freed ${freedBytes} bytes of unreferenced chunks`);
    if (retryAfterMs)
      await collectAgainLater(log, retryAfterMs, (runAfter) =>
        imageGc.enqueueOnce(db, { input, lockKey: `gc-later:${account.id}`, runAfter }),
      );
    return { freedBytes };
  },
});

/** Queues a collection of the account's image chunks; one already queued frees these too. */
export function queueImageGc(db: DbOrTx, accountId: string) {
  return imageGc.enqueueOnce(db, { input: { accountId }, lockKey: `gc:${accountId}` });
}
