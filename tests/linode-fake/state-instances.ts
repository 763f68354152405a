import { findType, REGIONS } from './catalog';
import {
  busyWith,
  findInstance,
  linodeRef,
  nextId,
  recordEvent,
  refuse,
  stamp,
  startOperation,
  type Backup,
  type Day,
  type Disk,
  type FakeState,
  type Filesystem,
  type Instance,
  type InstanceStatus,
  type Window,
} from './state';

const LABEL = /^[a-zA-Z]((?!--|__|\.\.)[a-zA-Z0-9-_.])+$/;
const DAYS: Day[] = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WINDOWS = Array.from({ length: 12 }, (_, i) => `W${i * 2}` as Window);
const SWAP_MB = 512;

export type NewInstance = {
  label: string;
  region: string;
  type: string;
  tags?: string[];
  status?: InstanceStatus;
  image?: string | null;
  /** Disks to give it; by default one ext4 disk of `mainDiskMB` and a swap disk. */
  disks?: { label: string; filesystem: Filesystem; size: number; usedMB?: number }[];
  mainDiskMB?: number;
  usedMB?: number;
  backupsEnabled?: boolean;
};

/** Puts an instance into the account as it is after provisioning; seeds and tests call it directly. */
export function addInstance(state: FakeState, input: NewInstance): Instance {
  const type = findType(input.type);
  if (!type) throw refuse('A valid plan type by that ID was not found', 'type');
  if (!REGIONS.some((r) => r.id === input.region)) throw refuse('region is not valid', 'region');
  checkLabel(state, input.label);
  const id = nextId(state, 'linode');
  const now = stamp(state);
  const instance: Instance = {
    id,
    label: input.label,
    region: input.region,
    type: type.id,
    status: input.status ?? 'running',
    image: input.image ?? null,
    tags: input.tags ?? [],
    created: now,
    updated: now,
    hypervisor: 'kvm',
    ipv4: [`172.105.${(id >> 8) & 255}.${id & 255}`],
    ipv6: `2600:3c03::f03c:95ff:fe${(id & 255).toString(16).padStart(2, '0')}:1/128`,
    specs: { disk: type.disk, memory: type.memory, vcpus: type.vcpus, transfer: type.transfer, gpus: 0 },
    backups: {
      enabled: !!input.backupsEnabled,
      available: false,
      schedule: input.backupsEnabled ? { day: 'Scheduling', window: 'Scheduling' } : { day: null, window: null },
      last_successful: null,
    },
    alerts: { cpu: 90 * type.vcpus, io: 10_000, network_in: 10, network_out: 10, transfer_quota: 80 },
    watchdog_enabled: true,
    has_user_data: false,
    capabilities: [],
    lke_cluster_id: null,
    placement_group: null,
  };
  state.instances.set(id, instance);
  const main = input.mainDiskMB ?? type.disk - SWAP_MB;
  const disks = input.disks ?? [
    { label: 'Debian 12 Disk', filesystem: 'ext4' as const, size: main, usedMB: input.usedMB ?? Math.min(main, 2_000) },
    { label: '512 MB Swap Image', filesystem: 'swap' as const, size: SWAP_MB, usedMB: 0 },
  ];
  state.disks.set(id, []);
  for (const d of disks) addDisk(state, id, d.label, d.filesystem, d.size, d.usedMB ?? 0);
  return instance;
}

function addDisk(
  state: FakeState,
  linodeId: number,
  label: string,
  filesystem: Filesystem,
  size: number,
  usedMB: number,
): Disk {
  const now = stamp(state);
  const disk: Disk = {
    id: nextId(state, 'disk'),
    label,
    filesystem,
    size,
    status: 'ready',
    created: now,
    updated: now,
  };
  state.disks.get(linodeId)!.push(disk);
  state.usedMB.set(disk.id, Math.min(usedMB, size));
  return disk;
}

export function listDisks(state: FakeState, linodeId: number): Disk[] {
  findInstance(state, linodeId);
  return state.disks.get(linodeId) ?? [];
}

export function findDisk(state: FakeState, diskId: number): { instance: Instance; disk: Disk } | undefined {
  for (const [linodeId, disks] of state.disks) {
    const disk = disks.find((d) => d.id === diskId);
    if (disk) return { instance: state.instances.get(linodeId)!, disk };
  }
}

/**
 * POST /linode/instances, from an image (public or private) or from another instance's backup.
 * The instance starts 'provisioning' with disks 'not ready', boots, and ends 'running'.
 */
export function createInstance(state: FakeState, body: Record<string, unknown>): Instance {
  const { image, backup_id: backupId, root_pass: rootPass, region, type, booted = true } = body;
  if (typeof type !== 'string') throw refuse('type is required', 'type');
  if (typeof region !== 'string') throw refuse('region is required', 'region');
  if (image !== undefined && backupId !== undefined)
    throw refuse('image and backup_id are mutually exclusive', 'backup_id');
  const plan = findType(type);
  let disks: NonNullable<NewInstance['disks']> | undefined;
  if (typeof image === 'string') {
    const source = state.images.get(image);
    if (!source || source.status !== 'available') throw refuse('Image not found or not available', 'image');
    if (typeof rootPass !== 'string' || rootPass.length < 7 || rootPass.length > 128)
      throw refuse('root_pass must be 7 to 128 characters', 'root_pass');
    if (plan && source.size > plan.disk - SWAP_MB) throw refuse('Image is too large for this plan', 'type');
  } else if (typeof backupId === 'number') {
    disks = backupDisks(state, backupId, region, plan?.disk);
  } else {
    throw refuse('An image or a backup_id is required to create a Linode here', 'image');
  }
  const label = typeof body.label === 'string' ? body.label : `linode${state.ids.linode + 1}`;
  const tags = Array.isArray(body.tags) ? body.tags.map(String) : [];
  const instance = addInstance(state, {
    label,
    region,
    type,
    tags,
    status: 'provisioning',
    image: typeof image === 'string' ? image : null,
    disks,
    usedMB: typeof image === 'string' ? state.images.get(image)!.size : undefined,
    backupsEnabled: body.backups_enabled === true,
  });
  for (const disk of state.disks.get(instance.id)!) disk.status = 'not ready';
  startOperation(state, 'create', 'linode_create', linodeRef(instance), {
    onStep: (done) => {
      if (done === state.steps.create - 1 && booted) setStatus(state, instance, 'booting');
    },
    finish: () => {
      for (const disk of state.disks.get(instance.id) ?? []) disk.status = 'ready';
      setStatus(state, instance, booted ? 'running' : 'offline');
      return null;
    },
  });
  return instance;
}

function backupDisks(state: FakeState, backupId: number, region: string, planDisk: number | undefined) {
  const found = findBackup(state, backupId);
  if (!found || found.backup.status !== 'successful' || !found.backup.available)
    throw refuse('Backup not found or not available', 'backup_id');
  if (found.instance.region !== region) throw refuse('The Linode must be in the same region as the Backup', 'region');
  const total = found.backup.disks.reduce((sum, d) => sum + d.size, 0);
  if (planDisk !== undefined && total > planDisk) throw refuse('Linode type is too small for this Backup', 'type');
  const used = state.backupUsedMB.get(backupId) ?? [];
  return found.backup.disks.map((d, i) => ({ ...d, usedMB: used[i] ?? 0 }));
}

export function findBackup(state: FakeState, backupId: number): { instance: Instance; backup: Backup } | undefined {
  for (const [linodeId, set] of state.backups) {
    const backup = [...set.automatic, set.snapshot.current].find((b) => b?.id === backupId);
    if (backup) return { instance: state.instances.get(linodeId)!, backup };
  }
}

/** PUT /linode/instances/{id}: label, tags, watchdog, alerts and the backup window. Read-only fields are ignored, as the API does. */
export function updateInstance(state: FakeState, id: number, body: Record<string, unknown>): Instance {
  const instance = findInstance(state, id);
  if (body.label !== undefined && body.label !== instance.label) checkLabel(state, body.label);
  if (body.tags !== undefined && (!Array.isArray(body.tags) || body.tags.some((t) => typeof t !== 'string')))
    throw refuse('tags must be a list of strings', 'tags');
  const schedule = (body.backups as { schedule?: { day?: unknown; window?: unknown } } | undefined)?.schedule;
  if (schedule?.day !== undefined && !DAYS.includes(schedule.day as Day))
    throw refuse(`day must be one of ${DAYS.join(', ')}`, 'backups.schedule.day');
  if (schedule?.window !== undefined && !WINDOWS.includes(schedule.window as Window))
    throw refuse(`window must be one of ${WINDOWS.join(', ')}`, 'backups.schedule.window');
  if (typeof body.label === 'string') instance.label = body.label;
  if (Array.isArray(body.tags)) instance.tags = body.tags as string[];
  if (typeof body.watchdog_enabled === 'boolean') instance.watchdog_enabled = body.watchdog_enabled;
  if (body.alerts && typeof body.alerts === 'object')
    Object.assign(instance.alerts, pickNumbers(body.alerts as Record<string, unknown>, instance.alerts));
  if (schedule?.day !== undefined) instance.backups.schedule.day = schedule.day as Day;
  if (schedule?.window !== undefined) instance.backups.schedule.window = schedule.window as Window;
  instance.updated = stamp(state);
  recordEvent(state, 'linode_update', linodeRef(instance));
  return instance;
}

/** POST /linode/instances/{id}/boot: a restored instance is left offline, as on Linode. */
export function bootInstance(state: FakeState, id: number) {
  const instance = findInstance(state, id);
  if (busyWith(state, id, 'linode_create') || busyWith(state, id, 'backups_restore')) throw refuse('Linode busy.');
  setStatus(state, instance, 'booting');
  startOperation(state, 'boot', 'linode_boot', linodeRef(instance), {
    finish: () => (setStatus(state, instance, 'running'), null),
  });
}

export function setStatus(state: FakeState, instance: Instance, status: InstanceStatus) {
  instance.status = status;
  instance.updated = stamp(state);
}

function checkLabel(state: FakeState, label: unknown) {
  if (typeof label !== 'string' || label.length < 3 || label.length > 64 || !LABEL.test(label)) {
    throw refuse(
      'Label must be 3 to 64 characters, start with a letter, and use only letters, digits, -, _ and .',
      'label',
    );
  }
  if ([...state.instances.values()].some((i) => i.label === label))
    throw refuse('Label must be unique among your linodes', 'label');
}

function pickNumbers(input: Record<string, unknown>, shape: Record<string, number>) {
  return Object.fromEntries(Object.entries(input).filter(([k, v]) => k in shape && typeof v === 'number'));
}

/**
 * DELETE /linode/instances/{id}: the Linode goes with its disks and backups (snapshot included),
 * as the spec says; one being restored cannot be deleted. Images taken of it stay in the account.
 */
export function deleteInstance(state: FakeState, id: number) {
  const instance = findInstance(state, id);
  if (busyWith(state, id, 'backups_restore') || busyWith(state, id, 'linode_clone')) throw refuse('Linode busy.');
  for (const disk of state.disks.get(id) ?? []) state.usedMB.delete(disk.id);
  for (const backup of [...(state.backups.get(id)?.automatic ?? []), state.backups.get(id)?.snapshot.current].filter(
    Boolean,
  ))
    state.backupUsedMB.delete(backup!.id);
  state.disks.delete(id);
  state.backups.delete(id);
  state.instances.delete(id);
  recordEvent(state, 'linode_delete', linodeRef(instance));
}
