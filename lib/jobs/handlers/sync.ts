import { syncAccount } from '@/lib/services/sync';
import { registerJobHandler } from '../index';
import { remote } from './remote';

// Reads a remote account into Lifeboat (lib/services/sync.ts). Safe to run again at any time.
export function registerSyncHandlers() {
  registerJobHandler<{ accountId: string }>('account.sync', async ({ db, input, log, progress }) => {
    const account = await db.providerAccount.findUnique({ where: { id: input.accountId } });
    if (!account) return { skipped: true };
    // Listing comes first and is not counted; progress is the share of instances written back.
    const result = await remote(syncAccount(db, account.id, progress));
    log(
      `Read ${result.instances} instance(s) and ${result.images} image(s) from ${account.name}; ${result.removed} gone`,
    );
    return result;
  });
}
