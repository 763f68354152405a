import * as api from './api';
import type { BackupDay, BackupWindow } from './api';
import { LinodeApiError, type LinodeClient } from './client';
import { findEvent, followEvent, newestEventId, type EventMatch, type FollowOptions } from './follow';
import { backupDigest, imageDigest, linodeInventory } from './inventory';
import type { BackupRef, DeployTarget, DiskRef, ImageRef, OperationOptions, Provider } from '../types';
import { linodeDescriptor } from './descriptor';

// The Linode provider: the Provider operations mapped onto API v4. Linode does
// the work; this code starts each operation, hands the new resource's id to the job at once
// (onRemoteId) and follows the operation's event to the end. An attempt that resumes (the job's
// worker died) finds the remote id already stored, or an operation of the same kind still under
// way on the instance, and follows that instead of starting a second one.

const MiB = 1024 * 1024;

function linodeId(value: string | null | undefined, what = 'instance'): number {
  const id = Number(value);
  if (!value || !Number.isInteger(id)) throw new Error(`This ${what} has no Linode id; sync the account first.`);
  return id;
}

function follow(client: LinodeClient, match: EventMatch, options: OperationOptions) {
  const followOptions: FollowOptions = { signal: options.signal, onProgress: options.onProgress };
  return followEvent(client, match, followOptions);
}

/** An operation of this kind already running on the instance (ours, from an attempt that died). */
async function runningEvent(client: LinodeClient, action: string, entityId: number) {
  const event = await findEvent(client, { action, entityId });
  return event && (event.status === 'started' || event.status === 'scheduled') ? event : undefined;
}

async function createInstance(
  client: LinodeClient,
  target: DeployTarget,
  from: { image: string } | { backup_id: number },
  options: OperationOptions,
) {
  let id = target.remoteInstanceId ? linodeId(target.remoteInstanceId) : undefined;
  let since: string | undefined;
  if (id === undefined) {
    const base = { region: target.region, type: target.plan ?? '', label: target.label ?? '' };
    const created =
      'image' in from
        ? await api.createInstanceFromImage(client, {
            ...base,
            image: from.image,
            root_pass: target.rootPassword ?? '',
          })
        : await api.createInstanceFromBackup(client, { ...base, backup_id: from.backup_id });
    id = created.id;
    since = created.created;
    await options.onRemoteId?.(String(id));
  }
  options.log?.(`Linode ${id} is being created; following its linode_create event`);
  await follow(client, { action: 'linode_create', entityId: id, since }, options);
  return String(id);
}

export function linodeProvider(client: LinodeClient): Provider {
  return {
    kind: linodeDescriptor.kind,
    traits: linodeDescriptor.traits,
    inventory: linodeInventory(client),

    // Linode makes an instance's disks when it deploys it (createInstance above).
    async createDisks() {},

    async measureDisk(disk: DiskRef) {
      const disks = await api.listDisks(client, linodeId(disk.remoteInstanceId));
      const found = disks.find((d) => String(d.id) === disk.remoteDiskId);
      if (!found) throw new Error(`Linode has no disk ${disk.remoteDiskId} on instance ${disk.remoteInstanceId}.`);
      // The API knows the disk's size, not the data on it: both figures are the allocation.
      return { sizeBytes: found.size * MiB, usedBytes: found.size * MiB, basis: 'allocated' as const };
    },

    // A Linode whose deploy failed is left to the account's owner (deleting a server is not ours
    // to decide); the next sync lists it among the unassigned instances.
    async destroyInstance() {},

    // Linode deletes the Linode's disks and backups with it.
    async deleteInstance(instance) {
      try {
        await api.deleteInstance(client, linodeId(instance.remoteId));
      } catch (error) {
        // Already gone (deleted in Linode's console): nothing left to delete.
        if (!(error instanceof LinodeApiError && error.status === 404)) throw error;
      }
    },

    async captureImage(disk, image: ImageRef, options = {}) {
      const instanceId = linodeId(disk.remoteInstanceId);
      let remoteId = image.remoteId ?? undefined;
      if (!remoteId) {
        const created = await api.captureImage(client, {
          disk_id: linodeId(disk.remoteDiskId, 'disk'),
          label: image.label,
          ...(image.description ? { description: image.description } : {}),
        });
        remoteId = created.id;
        await options.onRemoteId?.(remoteId);
      }
      options.log?.(`Linode accepted the capture as image ${remoteId}; following its disk_imagize event`);
      await follow(client, { action: 'disk_imagize', entityId: instanceId, secondaryId: remoteId }, options);
      const captured = await api.getImage(client, remoteId);
      const dataBytes = captured.size * MiB;
      return {
        // What a deployed disk must hold is the image's data: Linode sizes the new disk to fit.
        sizeBytes: dataBytes,
        dataBytes,
        storedBytes: (captured.total_size || captured.size) * MiB,
        newBytes: dataBytes,
        digest: imageDigest(remoteId),
        remoteId,
      };
    },

    async deployImage(image, target, options = {}) {
      if (!image.remoteId) throw new Error('This image has no Linode id.');
      const remoteInstanceId = await createInstance(client, target, { image: image.remoteId }, options);
      return { digest: imageDigest(image.remoteId), remoteInstanceId };
    },

    async updateImage(image, changes) {
      if (!image.remoteId) return;
      await api.updateImage(client, image.remoteId, { label: changes.label, description: changes.description });
    },

    async deleteImage(image) {
      if (!image.remoteId) return;
      try {
        await api.deleteImage(client, image.remoteId);
      } catch (error) {
        // Already gone (deleted in Linode's console, or a capture Linode refused): nothing to do.
        if (!(error instanceof LinodeApiError && error.status === 404)) throw error;
      }
    },

    async collectImageGarbage() {
      return { freedBytes: 0 };
    },

    async setBackups(instance, enabled) {
      const id = linodeId(instance.remoteId);
      if (enabled) await api.enableBackups(client, id);
      else await api.cancelBackups(client, id);
    },

    async setBackupSchedule(instance, schedule) {
      await api.updateBackupSchedule(client, linodeId(instance.remoteId), {
        day: schedule.day as BackupDay,
        window: schedule.window as BackupWindow,
      });
    },

    async captureBackup(disk, backup: BackupRef, options = {}) {
      const instanceId = linodeId(disk.remoteInstanceId);
      let remoteId = backup.remoteId ?? undefined;
      let since: string | undefined;
      if (!remoteId) {
        const taken = await api.takeSnapshot(client, instanceId, backup.label || 'Lifeboat snapshot');
        remoteId = String(taken.id);
        since = taken.created;
        await options.onRemoteId?.(remoteId);
      }
      options.log?.(`Linode is taking snapshot ${remoteId}; following its linode_snapshot event`);
      // Resumed, the snapshot's own creation time tells its event from earlier snapshots'.
      since ??= (await api.listBackups(client, instanceId)).snapshot.in_progress?.created;
      await follow(client, { action: 'linode_snapshot', entityId: instanceId, since }, options);
      const set = await api.listBackups(client, instanceId);
      const done = [set.snapshot.current, ...set.automatic].find((b) => String(b?.id) === remoteId);
      if (!done || done.status !== 'successful')
        throw new Error(`Linode finished snapshot ${remoteId} but does not list it as successful.`);
      const bytes = done.disks.reduce((sum, d) => sum + d.size, 0) * MiB;
      return {
        sizeBytes: bytes,
        dataBytes: bytes,
        storedBytes: bytes,
        newBytes: bytes,
        digest: backupDigest(remoteId),
        remoteId,
      };
    },

    async restoreBackup(backup, target, options = {}) {
      const backupId = linodeId(backup.remoteId, 'backup');
      const digest = backupDigest(String(backupId));
      if (target.create) {
        // A deploy: Linode makes a new instance from the backup.
        const remoteInstanceId = await createInstance(client, target, { backup_id: backupId }, options);
        return { digest, remoteInstanceId };
      }
      const targetId = linodeId(target.remoteInstanceId);
      const running = await runningEvent(client, 'backups_restore', targetId);
      // A restore already under way on the target is ours (the job holds the instance): follow it.
      const after = running ? running.id - 1 : await newestEventId(client);
      if (!running) {
        // overwrite: the target's disks are replaced by the backup's, as a restore in place should.
        await api.restoreBackup(client, linodeId(backup.remoteInstanceId), backupId, {
          linode_id: targetId,
          overwrite: true,
        });
      }
      options.log?.(`Linode is restoring backup ${backupId} onto ${targetId}; following its backups_restore event`);
      await follow(client, { action: 'backups_restore', entityId: targetId, after }, options);
      return { digest, remoteInstanceId: String(targetId) };
    },

    async verifyBackup() {
      throw new Error('Linode keeps its backups out of reach: Lifeboat cannot read them to verify them.');
    },

    // Linode deletes backups itself: as they rotate, when a snapshot replaces the last, and all of
    // them when the service is cancelled.
    async deleteBackup() {},

    async collectBackupGarbage() {
      return { freedBytes: 0 };
    },
  };
}
