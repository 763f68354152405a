import { findType } from './catalog';
import { findBackup, setStatus } from './state-instances';
import {
  busyWith,
  findInstance,
  linodeRef,
  nextId,
  notFound,
  recordEvent,
  refuse,
  stamp,
  startOperation,
  type Backup,
  type BackupSet,
  type FakeState,
  type Instance,
} from './state';

// Linode's backup service per instance: automatic backups taken in the instance's window, one
// manual snapshot slot, restore onto any instance in the same region.

export function backupsOf(state: FakeState, linodeId: number): BackupSet {
  findInstance(state, linodeId);
  let set = state.backups.get(linodeId);
  if (!set) state.backups.set(linodeId, (set = { automatic: [], snapshot: { current: null, in_progress: null } }));
  return set;
}

/** A finished backup of the instance's disks as they are now; seeds use it for automatic backups. */
export function addBackup(
  state: FakeState,
  instance: Instance,
  type: Backup['type'],
  label: string | null,
  at = stamp(state),
): Backup {
  const disks = state.disks.get(instance.id) ?? [];
  const backup: Backup = {
    id: nextId(state, 'backup'),
    label,
    type,
    status: 'successful',
    available: true,
    created: at,
    updated: at,
    finished: at,
    configs: ['My Debian 12 Disk Profile'],
    disks: disks.map((d) => ({ label: d.label, size: d.size, filesystem: d.filesystem })),
  };
  state.backupUsedMB.set(
    backup.id,
    disks.map((d) => state.usedMB.get(d.id) ?? 0),
  );
  if (type === 'auto') backupsOf(state, instance.id).automatic.push(backup);
  else backupsOf(state, instance.id).snapshot.current = backup;
  markSuccess(instance, at);
  return backup;
}

export function enableBackups(state: FakeState, linodeId: number) {
  const instance = findInstance(state, linodeId);
  if (!instance.backups.enabled) {
    instance.backups.enabled = true;
    // The API shows "Scheduling" until a window is chosen (by Linode, or by a PUT).
    instance.backups.schedule = { day: 'Scheduling', window: 'Scheduling' };
  }
  recordEvent(state, 'backups_enable', linodeRef(instance));
}

/** Cancelling deletes every backup of the instance for good, as the API documents. */
export function cancelBackups(state: FakeState, linodeId: number) {
  const instance = findInstance(state, linodeId);
  instance.backups = { enabled: false, available: false, schedule: { day: null, window: null }, last_successful: null };
  state.backups.delete(linodeId);
  recordEvent(state, 'backups_cancel', linodeRef(instance));
}

/** POST /linode/instances/{id}/backups: the snapshot is in_progress, then replaces the current one. */
export function takeSnapshot(state: FakeState, linodeId: number, body: Record<string, unknown>): Backup {
  const instance = findInstance(state, linodeId);
  const label = body.label;
  if (typeof label !== 'string' || label.length < 1 || label.length > 255)
    throw refuse('label must be 1 to 255 characters', 'label');
  if (!instance.backups.enabled) throw refuse('Backups are not enabled for this Linode.');
  const set = backupsOf(state, linodeId);
  if (set.snapshot.in_progress || busyWith(state, linodeId, 'backups_restore')) throw refuse('Linode busy.');
  const now = stamp(state);
  const disks = state.disks.get(linodeId) ?? [];
  const backup: Backup = {
    id: nextId(state, 'backup'),
    label,
    type: 'snapshot',
    status: 'pending',
    available: false,
    created: now,
    updated: now,
    configs: ['My Debian 12 Disk Profile'],
    disks: disks.map((d) => ({ label: d.label, size: d.size, filesystem: d.filesystem })),
  };
  state.backupUsedMB.set(
    backup.id,
    disks.map((d) => state.usedMB.get(d.id) ?? 0),
  );
  set.snapshot.in_progress = backup;
  startOperation(state, 'snapshot', 'linode_snapshot', linodeRef(instance), {
    onStep: () => {
      backup.status = 'running';
      backup.updated = stamp(state);
    },
    finish: () => {
      // Backups cancelled meanwhile: the set is gone and so is the snapshot.
      if (state.backups.get(linodeId) !== set) return 'Backups were cancelled.';
      const at = stamp(state);
      Object.assign(backup, { status: 'successful', available: true, updated: at, finished: at });
      set.snapshot = { current: backup, in_progress: null };
      markSuccess(instance, at);
      return null;
    },
  });
  return backup;
}

/**
 * POST .../backups/{backupId}/restore. With overwrite the target's disks are replaced; without,
 * the backup's disks are added and must fit in the plan's free space. The target is left offline.
 */
export function restoreBackup(state: FakeState, linodeId: number, backupId: number, body: Record<string, unknown>) {
  findInstance(state, linodeId);
  const found = findBackup(state, backupId);
  if (!found || found.instance.id !== linodeId) throw notFound();
  if (typeof body.linode_id !== 'number') throw refuse('linode_id is required', 'linode_id');
  const target = findInstance(state, body.linode_id);
  const { backup } = found;
  if (backup.status !== 'successful' || !backup.available) throw refuse('Backup is not available for restoration.');
  if (target.region !== found.instance.region) throw refuse('Backups may not be restored across Regions.', 'linode_id');
  if (state.backups.get(target.id)?.snapshot.in_progress || busyWith(state, target.id, 'backups_restore'))
    throw refuse('Linode busy.', 'linode_id');
  const overwrite = body.overwrite === true;
  const needed = backup.disks.reduce((sum, d) => sum + d.size, 0);
  const kept = overwrite ? 0 : (state.disks.get(target.id) ?? []).reduce((sum, d) => sum + d.size, 0);
  if (kept + needed > findType(target.type)!.disk)
    throw refuse('Linode does not have enough free disk space for this backup; use overwrite.', 'overwrite');

  const used = state.backupUsedMB.get(backup.id) ?? [];
  if (overwrite) for (const d of state.disks.get(target.id) ?? []) state.usedMB.delete(d.id);
  const disks = overwrite ? [] : [...(state.disks.get(target.id) ?? [])];
  const now = stamp(state);
  const restored = backup.disks.map((d, i) => {
    const disk = {
      id: nextId(state, 'disk'),
      label: d.label,
      filesystem: d.filesystem,
      size: d.size,
      status: 'not ready' as const,
      created: now,
      updated: now,
    };
    state.usedMB.set(disk.id, used[i] ?? 0);
    return disk;
  });
  state.disks.set(target.id, [...disks, ...restored]);
  setStatus(state, target, 'restoring');
  startOperation(state, 'restore', 'backups_restore', linodeRef(target), {
    finish: () => {
      for (const disk of restored) Object.assign(disk, { status: 'ready', updated: stamp(state) });
      setStatus(state, target, 'offline');
      return null;
    },
  });
}

function markSuccess(instance: Instance, at: string) {
  instance.backups.available = true;
  if (!instance.backups.last_successful || instance.backups.last_successful < at) instance.backups.last_successful = at;
}
