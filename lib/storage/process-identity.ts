import { readFileSync } from 'node:fs';
import os from 'node:os';

// Who holds a lock or a journal, told apart from whoever holds that pid later. Host and pid are
// not enough: a container restarts its program under the same pid (often 1), so the journal of a
// capture killed with the container would name a "live" process for ever. Linux also says when a
// process started (/proc/<pid>/stat field 22, clock ticks since boot) and which boot this is
// (/proc/sys/kernel/random/boot_id): a process with the same pid but another start time, or a
// record from an earlier boot, is a different process. Where /proc is missing (macOS) both are
// left out and the pid alone decides, as do records written before these fields existed.

export type ProcessIdentity = { host: string; pid: number; bootId?: string; startTicks?: string };

/** What this host says about an owner's pid right now. */
export type Sighting = { host: string; bootId?: string; exists: boolean; startTicks?: string };

/**
 * The rule: an owner is known dead only on our own host (pids elsewhere mean nothing here), and
 * then when its boot is over, its pid is gone, or its pid now belongs to a later process.
 * Anything it cannot judge (another host, no pid, a field missing on either side) counts as alive.
 */
export function ownerAlive(owner: Partial<ProcessIdentity>, seen: Sighting): boolean {
  if (owner.host !== seen.host || !validPid(owner.pid)) return true;
  if (known(owner.bootId) && known(seen.bootId) && owner.bootId !== seen.bootId) return false;
  if (!seen.exists) return false;
  return !(known(owner.startTicks) && known(seen.startTicks) && owner.startTicks !== seen.startTicks);
}

/** Whether the process an owner record names may still be running (see ownerAlive). */
export function isProcessAlive(owner: Partial<ProcessIdentity>): boolean {
  const host = os.hostname();
  if (owner.host !== host || !validPid(owner.pid)) return true;
  return ownerAlive(owner, { host, bootId: bootId(), ...look(owner.pid) });
}

/** The identity of a running process on this host (this one by default), for an owner record. */
export function processIdentity(pid = process.pid): ProcessIdentity {
  const id: ProcessIdentity = { host: os.hostname(), pid };
  const boot = bootId();
  const start = startTicksOf(pid);
  if (boot) id.bootId = boot;
  if (start) id.startTicks = start;
  return id;
}

/** This process, as it writes itself into locks and journals. */
export const currentProcess = (): ProcessIdentity => processIdentity(process.pid);

const known = (field: unknown): field is string => typeof field === 'string' && field !== '';

// 0 and negative pids address process groups in kill(): never a lock owner.
const validPid = (pid: unknown): pid is number => Number.isSafeInteger(pid) && (pid as number) > 0;

function look(pid: number): { exists: boolean; startTicks?: string } {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return { exists: false };
    // EPERM: it exists but is another user's (whose /proc entry may be hidden from us).
    return { exists: true, startTicks: startTicksOf(pid) };
  }
  const startTicks = startTicksOf(pid);
  // Ours to signal but no /proc entry: it ended between the two looks (if /proc is there at all).
  if (!startTicks && startTicksOf(process.pid)) return { exists: false };
  return { exists: true, startTicks };
}

/** Field 22 of /proc/<pid>/stat. The command name (field 2) is in parentheses and may hold
 *  spaces and parentheses itself, so fields are counted from the last ")". */
export function startTicksFromStat(stat: string): string | undefined {
  const fields = stat
    .slice(stat.lastIndexOf(')') + 1)
    .trim()
    .split(/\s+/);
  const ticks = fields[22 - 3];
  return ticks && /^\d+$/.test(ticks) ? ticks : undefined;
}

function startTicksOf(pid: number): string | undefined {
  try {
    return startTicksFromStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

let boot: string | null | undefined;

function bootId(): string | undefined {
  if (boot === undefined) {
    try {
      boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      boot = null;
    }
  }
  return boot ?? undefined;
}
