import fs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, linkSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { gcLockPath, pendingDir, pendingPath } from './layout';
import { currentProcess, isProcessAlive, type ProcessIdentity } from './process-identity';

// The two halves of the capture/GC handshake (the reasoning is in gc.ts):
//  - a capture in progress keeps a journal, <root>/pending/<id>.journal: a JSON header line (who,
//    since when) then one chunk hash per line, appended *before* the capture relies on the chunk;
//  - a garbage collection holds <root>/gc.lock while it decides and deletes.
// Both carry the owner's identity (host, pid, and where Linux tells them its start time and boot
// id: see process-identity.ts) and are refreshed by a heartbeat, so one left behind by a killed
// process is recognised as stale and ignored (and removed) rather than blocking forever, even
// when a restarted container runs its successor under the same pid.

/** A journal or lock untouched for this long belongs to a dead process (heartbeats are 15 s). */
export const STALE_MS = 10 * 60 * 1000;
const HEARTBEAT_MS = 15 * 1000;

/** startedAt is when the lock or journal was taken (not when the process started). */
type Owner = ProcessIdentity & { startedAt: string };

const me = (): Owner => ({ ...currentProcess(), startedAt: new Date().toISOString() });

/** An owner line being written right now parses as nobody (treated as alive by the callers). */
function parseOwner(text: string): Partial<Owner> {
  try {
    const owner: unknown = JSON.parse(text);
    return owner && typeof owner === 'object' ? (owner as Partial<Owner>) : {};
  } catch {
    return {};
  }
}

/** Stale: no heartbeat for STALE_MS, or its process is known to be gone (isProcessAlive). */
function ownerIsDead(owner: Partial<Owner>, mtimeMs: number, now: number): boolean {
  return now - mtimeMs > STALE_MS || !isProcessAlive(owner);
}

export class CaptureJournal {
  private fd: number;
  private timer: NodeJS.Timeout;

  private constructor(
    readonly file: string,
    fd: number,
  ) {
    this.fd = fd;
    this.timer = setInterval(() => void fs.utimes(file, new Date(), new Date()).catch(() => {}), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Starts a journal; fails if a capture with this id is already in progress. */
  static async open(root: string, id: string): Promise<CaptureJournal> {
    await fs.mkdir(pendingDir(root), { recursive: true });
    const file = pendingPath(root, id);
    // The journal appears with its owner line already in it (written to a temporary name, then
    // hard-linked into place, which fails if the journal exists): a process killed between
    // creating the file and writing its owner would otherwise leave a journal of nobody, which
    // reads as a live capture for STALE_MS and turns the job's retries away.
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.new`;
    writeFileSync(temp, `${JSON.stringify(me())}\n`);
    try {
      try {
        linkSync(temp, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        // A retry after a crash finds the dead capture's journal: drop it if its owner is gone.
        const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
        if (!ownerIsDead(parseOwner(text.split('\n')[0]), stat.mtimeMs, Date.now()))
          throw new Error(`a capture of ${id} is already in progress`);
        await fs.rm(file, { force: true });
        linkSync(temp, file);
      }
    } finally {
      rmSync(temp, { force: true });
    }
    return new CaptureJournal(file, openSync(file, 'a'));
  }

  /** Records that the capture relies on `hash`. Synchronous on purpose: the append must be done
   *  before the caller looks at the lock and the chunk (see gc.ts). No fsync: after a crash the
   *  capture is dead and its journal is stale anyway. */
  add(hash: string): void {
    writeSync(this.fd, `${hash}\n`);
  }

  /** Ends the capture: call after the manifest is durable (or on failure). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    closeSync(this.fd);
    await fs.rm(this.file, { force: true });
  }
}

/** Journals of live captures: their hashes. Stale ones (dead owners) are removed. */
export async function liveJournalHashes(
  root: string,
  now = Date.now(),
): Promise<{ hashes: Set<string>; captures: number }> {
  const hashes = new Set<string>();
  let captures = 0;
  const names = await fs.readdir(pendingDir(root)).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith('.journal'))) {
    const file = `${pendingDir(root)}/${name}`;
    let text: string;
    let mtimeMs: number;
    try {
      [text, { mtimeMs }] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    } catch {
      continue; // finished meanwhile: its manifest is already written (see gc.ts for the order)
    }
    const [header, ...lines] = text.split('\n');
    // An empty header is a capture starting this instant: alive.
    if (header && ownerIsDead(parseOwner(header), mtimeMs, now)) {
      await fs.rm(file, { force: true });
      continue;
    }
    captures++;
    for (const line of lines) if (line.length === 64) hashes.add(line);
  }
  return { hashes, captures };
}

/** Takes the GC lock, waiting for another GC to finish; a stale lock is broken. Returns a release function. */
export async function acquireGcLock(root: string): Promise<() => Promise<void>> {
  const file = gcLockPath(root);
  for (;;) {
    try {
      await fs.writeFile(file, JSON.stringify(me()), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await waitWhileGcRuns(root);
    }
  }
  const timer = setInterval(() => void fs.utimes(file, new Date(), new Date()).catch(() => {}), HEARTBEAT_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await fs.rm(file, { force: true });
  };
}

/** Fast path for captures: a stat per chunk, and a wait only while a collection runs. */
export async function waitWhileGcRuns(root: string, signal?: AbortSignal): Promise<void> {
  const file = gcLockPath(root);
  while (existsSync(file)) {
    signal?.throwIfAborted();
    try {
      const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
      // An empty lock is a GC starting this instant: alive.
      if (text && ownerIsDead(parseOwner(text), stat.mtimeMs, Date.now())) {
        await fs.rm(file, { force: true });
        continue;
      }
    } catch {
      continue; // released meanwhile
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
