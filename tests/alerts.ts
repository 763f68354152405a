import type { Db } from '@/lib/db/client';
import { registerOperations } from '@/lib/operations';
import { startBackup } from '@/lib/operations/backup';
import { ensureLocalAccount } from '@/lib/seed/demo';
import { enableBackups } from '@/lib/services/backups';
import { provisionInstance } from '@/lib/services/provisioning';
import { setTestCatalog } from './catalog';
import { createTestDatabase } from './databases';

// What the alert tests share: a database with every job kind registered and retries a few
// milliseconds apart, a worker's short timings, and a backup made to fail.

export const ALERT_WORKER = { pollMs: 25, backoffMs: 20, concurrency: 4 } as const;

export async function openAlertDatabase(provider: 'sqlite' | 'postgres') {
  const t = await createTestDatabase(provider);
  setTestCatalog(t.dataDir);
  process.env.LIFEBOAT_SECRET_KEY ??= 'integration test secret passphrase';
  process.env.LIFEBOAT_ALERT_RETRY_MS = '5';
  registerOperations();
  return { t, accountId: (await ensureLocalAccount(t.db)).id };
}

/** A snapshot of a new instance that fails for good: its disk is gone by the time a worker takes it. */
export async function failingBackup(db: Db, accountId: string, teamId: string, label: string) {
  const instance = await provisionInstance(db, { accountId, teamId, label, region: 'eu-central', plan: 'micro' });
  await enableBackups(db, instance.id);
  const { backupId, jobId } = await startBackup(db, null, instance.id, { kind: 'snapshot', label: 'before' });
  await db.backup.update({ where: { id: backupId }, data: { diskId: 'gone' } });
  return { instance, jobId };
}
