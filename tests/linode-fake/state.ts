// The fake Linode account: plain data shaped exactly like the API's bodies, and the transitions
// that change it (here and in state-*.ts). Nothing here knows about HTTP, so a test can drive the
// account directly (seed more instances, finish an operation) as well as through the server.

export type ApiFieldError = { field?: string; reason: string };

/** An expected refusal, as the API would send it: a status and the error envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ApiFieldError[],
  ) {
    super(errors.map((e) => (e.field ? `${e.field}: ${e.reason}` : e.reason)).join('; '));
  }
}

export const refuse = (reason: string, field?: string, status = 400) =>
  new ApiError(status, [field ? { field, reason } : { reason }]);
export const notFound = () => new ApiError(404, [{ reason: 'Not found' }]);

export type InstanceStatus = 'running' | 'offline' | 'booting' | 'provisioning' | 'restoring' | 'busy';
export type Day = 'Scheduling' | 'Sunday' | 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday';
export type Window = 'Scheduling' | `W${0 | 2 | 4 | 6 | 8 | 10 | 12 | 14 | 16 | 18 | 20 | 22}`;

export type Instance = {
  id: number;
  label: string;
  region: string;
  type: string;
  status: InstanceStatus;
  image: string | null;
  tags: string[];
  created: string;
  updated: string;
  ipv4: string[];
  ipv6: string;
  hypervisor: 'kvm';
  specs: { disk: number; memory: number; vcpus: number; transfer: number; gpus: number };
  backups: {
    enabled: boolean;
    available: boolean;
    schedule: { day: Day | null; window: Window | null };
    last_successful: string | null;
  };
  alerts: { cpu: number; io: number; network_in: number; network_out: number; transfer_quota: number };
  watchdog_enabled: boolean;
  has_user_data: boolean;
  capabilities: string[];
  lke_cluster_id: null;
  placement_group: null;
};

export type Filesystem = 'raw' | 'swap' | 'ext3' | 'ext4' | 'initrd';
/** Sizes are MB, as the API gives them. */
export type Disk = {
  id: number;
  label: string;
  filesystem: Filesystem;
  size: number;
  status: 'ready' | 'not ready' | 'deleting';
  created: string;
  updated: string;
};

export type Image = {
  id: string;
  label: string;
  description: string | null;
  size: number;
  total_size: number;
  status: 'creating' | 'pending_upload' | 'available';
  created: string;
  updated: string;
  created_by: string;
  type: 'manual' | 'automatic';
  is_public: boolean;
  deprecated: boolean;
  vendor: string | null;
  eol: string | null;
  expiry: string | null;
  capabilities: string[];
  tags: string[];
  regions: { region: string; status: 'available' | 'creating' | 'pending' }[];
};

type BackupDisk = { label: string; size: number; filesystem: Filesystem };
export type Backup = {
  id: number;
  label: string | null;
  type: 'auto' | 'snapshot';
  available: boolean;
  status: 'pending' | 'running' | 'successful' | 'failed';
  created: string;
  updated: string;
  /** Absent until the backup is done: the spec allows no null here. */
  finished?: string;
  configs: string[];
  disks: BackupDisk[];
};
export type BackupSet = { automatic: Backup[]; snapshot: { current: Backup | null; in_progress: Backup | null } };

export type EntityRef = { id: number; label: string; type: 'linode' | 'image' | 'disks' | 'backups'; url: string };
export type FakeEvent = {
  id: number;
  action: string;
  created: string;
  status: 'started' | 'finished' | 'failed' | 'scheduled';
  percent_complete: number;
  duration: number;
  time_remaining: string | null;
  rate: null;
  read: boolean;
  seen: boolean;
  entity: EntityRef;
  secondary_entity: (Omit<EntityRef, 'id'> & { id: string }) | null;
  message: string | null;
  username: string;
};

/** How many ticks each long operation takes before its event finishes. */
export type OperationKind = 'capture' | 'snapshot' | 'restore' | 'create' | 'boot';
const DEFAULT_STEPS: Record<OperationKind, number> = { capture: 4, snapshot: 3, restore: 3, create: 3, boot: 2 };

type Operation = {
  event: FakeEvent;
  steps: number;
  done: number;
  onStep?: (done: number) => void;
  finish: () => string | null;
};

export type FakeState = {
  now: () => Date;
  steps: Record<OperationKind, number>;
  username: string;
  instances: Map<number, Instance>;
  disks: Map<number, Disk[]>;
  /** Data on each disk in MB (by disk id): the API shows only allocated size, but an image's size is its data. */
  usedMB: Map<number, number>;
  /** Data in MB on each disk of a backup (by backup id), so disks restored from it keep their size of data. */
  backupUsedMB: Map<number, number[]>;
  images: Map<string, Image>;
  backups: Map<number, BackupSet>;
  events: FakeEvent[];
  operations: Operation[];
  ids: { linode: number; disk: number; image: number; backup: number; event: number };
};

export type StateOptions = { now?: () => Date; steps?: Partial<Record<OperationKind, number>> };

export function emptyState(options: StateOptions = {}): FakeState {
  return {
    now: options.now ?? (() => new Date()),
    steps: { ...DEFAULT_STEPS, ...options.steps },
    username: 'lifeboat-test',
    instances: new Map(),
    disks: new Map(),
    usedMB: new Map(),
    backupUsedMB: new Map(),
    images: new Map(),
    backups: new Map(),
    events: [],
    operations: [],
    ids: { linode: 40_000_000, disk: 120_000_000, image: 30_000_000, backup: 260_000_000, event: 900_000_000 },
  };
}

/** The API's timestamp: UTC without a zone, to the second. */
export function stamp(state: FakeState): string {
  return state.now().toISOString().slice(0, 19);
}

export function nextId(state: FakeState, kind: keyof FakeState['ids']): number {
  return ++state.ids[kind];
}

export function linodeRef(instance: Instance): EntityRef {
  return { id: instance.id, label: instance.label, type: 'linode', url: `/v4/linode/instances/${instance.id}` };
}

/** Records an event that is already over (enable backups, update): no progress to watch. */
export function recordEvent(
  state: FakeState,
  action: string,
  entity: EntityRef,
  secondary: FakeEvent['secondary_entity'] = null,
): FakeEvent {
  const event: FakeEvent = {
    id: nextId(state, 'event'),
    action,
    created: stamp(state),
    status: 'finished',
    percent_complete: 100,
    duration: 0,
    time_remaining: null,
    rate: null,
    read: false,
    seen: false,
    entity,
    secondary_entity: secondary,
    message: null,
    username: state.username,
  };
  state.events.push(event);
  return event;
}

/**
 * Starts a long operation: its event is 'started' at 0% and moves one step per tick. `finish`
 * applies the result and returns null, or a reason, which fails the event instead.
 */
export function startOperation(
  state: FakeState,
  kind: OperationKind,
  action: string,
  entity: EntityRef,
  run: { secondary?: FakeEvent['secondary_entity']; onStep?: (done: number) => void; finish: () => string | null },
): FakeEvent {
  const event = recordEvent(state, action, entity, run.secondary ?? null);
  Object.assign(event, { status: 'started', percent_complete: 0 });
  state.operations.push({
    event,
    steps: Math.max(1, state.steps[kind]),
    done: 0,
    onStep: run.onStep,
    finish: run.finish,
  });
  return event;
}

/** Moves every operation in progress forward by `count` steps. */
export function tick(state: FakeState, count = 1) {
  for (let i = 0; i < count; i++) {
    for (const op of [...state.operations]) {
      op.done++;
      op.event.duration = Math.max(0, Math.round((state.now().getTime() - Date.parse(`${op.event.created}Z`)) / 1000));
      if (op.done < op.steps) {
        op.event.percent_complete = Math.floor((op.done / op.steps) * 100);
        op.onStep?.(op.done);
        continue;
      }
      state.operations.splice(state.operations.indexOf(op), 1);
      const failure = op.finish();
      op.event.status = failure ? 'failed' : 'finished';
      op.event.percent_complete = failure ? op.event.percent_complete : 100;
      op.event.message = failure;
    }
  }
}

/** Runs every operation to its end. */
export function settle(state: FakeState) {
  while (state.operations.length) tick(state);
}

export function findInstance(state: FakeState, id: number): Instance {
  const instance = state.instances.get(id);
  if (!instance) throw notFound();
  return instance;
}

/** True while an operation of this action runs on the instance (the API refuses overlapping ones). */
export function busyWith(state: FakeState, linodeId: number, action: string): boolean {
  return state.operations.some((op) => op.event.entity.id === linodeId && op.event.action === action);
}
