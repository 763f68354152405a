import { providerOf, type Db } from '@/lib/db/client';
import { inTurn } from './store';

/**
 * Switches a SQLite database to write-ahead logging (the setting stays in the file): readers no
 * longer wait for a writer, which matters once the web server and worker processes share the
 * file. Does nothing on PostgreSQL; returns the journal mode now in force.
 */
export async function enableWal(db: Db): Promise<string | null> {
  if (providerOf(db) !== 'sqlite') return null;
  // Changing the mode needs the file to itself: wait for this process's job writes (see guarded).
  const rows = await inTurn(() => db.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode=WAL'));
  return rows[0]?.journal_mode ?? null;
}
