import path from 'node:path';

// Every setting the app reads from the environment, in one place; the README lists the same.
// Paths resolve against the working directory so `DATA_DIR=./data` means the project's data folder.
export function dataDir(): string {
  // The data directory is chosen at run time; tell Turbopack not to trace the project from it.
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || './data');
}

export function databaseUrl(): string {
  return process.env.DATABASE_URL || `file:${path.join(dataDir(), 'lifeboat.db')}`;
}

export type DatabaseProvider = 'sqlite' | 'postgres';

export function databaseProvider(url = databaseUrl()): DatabaseProvider {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/** The demo seed runs on first start unless LIFEBOAT_DEMO=0. */
export function demoEnabled(): boolean {
  return process.env.LIFEBOAT_DEMO !== '0';
}

/** The image chunk store: one root for every image of this host (dedup works across them). */
export function imageStoreDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.IMAGE_STORE_DIR || path.join(dataDir(), 'images'));
}

/**
 * The backup store of a region: its own chunk store root, apart from the disks and the images
 * (it stands for the separate hardware the service keeps backups on). BACKUP_STORE_DIR can
 * point it at another mount; each region gets a folder under it.
 */
export function backupStoreDir(region: string): string {
  const base = process.env.BACKUP_STORE_DIR || path.join(dataDir(), 'backups');
  return path.resolve(/*turbopackIgnore: true*/ base, region);
}

/**
 * LIFEBOAT_STORE_GRACE_MS: how old an unreferenced chunk in an object store must be before a
 * collection deletes it; unset keeps the store's default (15 minutes, lib/storage/backend/objects.ts).
 * The grace is what still protects a host whose lease lapsed while it kept writing, and it absorbs
 * clock differences between hosts and the object store: lower it only where nothing else writes
 * (the several-hosts end-to-end test sets 0, so only the database leases keep a capture safe).
 */
export function storeGraceMs(): number | undefined {
  const raw = process.env.LIFEBOAT_STORE_GRACE_MS?.trim();
  if (!raw) return undefined;
  const ms = Number(raw);
  if (!Number.isSafeInteger(ms) || ms < 0)
    throw new Error(`LIFEBOAT_STORE_GRACE_MS must be a whole number of milliseconds (0 or more), not "${raw}".`);
  return ms;
}

/**
 * LIFEBOAT_ALERT_RETRY_MS: the first wait before a failed webhook delivery is tried again (10 s;
 * each later wait is five times the one before, lib/domain/alerts/retry.ts). Tests shorten it.
 */
export function alertRetryBaseMs(): number {
  const raw = process.env.LIFEBOAT_ALERT_RETRY_MS?.trim();
  if (!raw) return 10_000;
  const ms = Number(raw);
  if (!Number.isSafeInteger(ms) || ms < 1)
    throw new Error(`LIFEBOAT_ALERT_RETRY_MS must be a whole number of milliseconds (1 or more), not "${raw}".`);
  return ms;
}
