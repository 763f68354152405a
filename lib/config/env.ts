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
