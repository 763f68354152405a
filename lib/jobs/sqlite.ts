import { providerOf, type Db } from '@/lib/db/client';

/**
 * Switches a SQLite database to write-ahead logging (the setting stays in the file): readers no
 * longer wait for a writer, which matters once the web server and worker processes share the
 * file. Does nothing on PostgreSQL; returns the journal mode now in force.
 */
export async function enableWal(db: Db): Promise<string | null> {
  if (providerOf(db) !== 'sqlite') return null;
  // Changing the mode needs the file to itself; the client runs it in its turn, after any open
  // transaction of this process has ended (lib/db/sqlite-turns.ts).
  const rows = await db.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode=WAL');
  return rows[0]?.journal_mode ?? null;
}
