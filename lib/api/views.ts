import { z } from 'zod';

// What /api/v1 answers, as zod schemas: each response is parsed through its schema before it is
// sent (so it carries exactly the documented fields) and the OpenAPI document is generated from
// them. The fields are the pages' own reads (lib/data/), in the same words and units: bytes as
// numbers, times as ISO 8601 strings in UTC.

const iso = z.iso.datetime({ offset: true });
const isoOrNull = iso.nullable();
const bytes = z.number().int().min(0).describe('Bytes.');

export const usage = z.object({
  usedBytes: bytes,
  ceilingBytes: bytes.describe('The ceiling manual images are checked against (6 GiB by default).'),
  level: z.enum(['ok', 'near', 'over']),
  fraction: z.number().min(0).max(1),
  label: z.string().describe('As the page shows it, e.g. "4.2 of 6 GiB".'),
});

export const jobView = z
  .object({
    id: z.string(),
    kind: z.string().describe('The operation, e.g. image.capture, backup.restore.'),
    name: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
    bytesDone: bytes,
    bytesTotal: bytes,
    speedBps: z.number().nullable(),
    etaSeconds: z.number().nullable(),
    log: z.array(z.string()),
    error: z.string().nullable(),
    result: z.unknown(),
    canCancel: z.boolean(),
    createdAt: iso,
    finishedAt: isoOrNull,
  })
  .meta({ id: 'Job' });

const backupHealth = z.enum(['off', 'waiting', 'ok', 'overdue', 'failed']);

export const instanceRow = z
  .object({
    id: z.string(),
    label: z.string(),
    status: z.string(),
    region: z.string(),
    plan: z.string(),
    team: z.string(),
    backupsEnabled: z.boolean(),
    backupHealth,
    firstBackupDue: isoOrNull,
    backupPrice: z.number().nullable(),
    canWrite: z.boolean(),
    busyJobId: z.string().nullable(),
    usage,
    usageBasis: z.enum(['used', 'allocated']),
    provider: z.string(),
    measured: z.string(),
  })
  .meta({ id: 'InstanceSummary' });

export const instanceList = z.object({
  items: z.array(instanceRow),
  total: z.number().int(),
  page: z.number().int(),
  pageCount: z.number().int(),
});

export const instanceDetail = z
  .object({
    id: z.string(),
    label: z.string(),
    status: z.string(),
    activeJob: jobView.nullable(),
    canWrite: z.boolean(),
    region: z.string(),
    planId: z.string(),
    plan: z
      .object({
        label: z.string(),
        memoryMb: z.number(),
        pricePerMonth: z.number(),
        backupPricePerMonth: z.number().nullable(),
      })
      .nullable(),
    team: z.string(),
    teamId: z.string(),
    account: z.object({ name: z.string(), kind: z.string(), imageLimit: z.number().int(), ceilingBytes: bytes }),
    backupsEnabled: z.boolean(),
    createdAt: iso,
    disks: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        kind: z.string(),
        sizeBytes: bytes,
        usedBytes: bytes,
        basis: z.enum(['used', 'allocated']),
        measured: z.string(),
        source: z
          .string()
          .nullable()
          .describe('Whether the figure is what the filesystem reports or what the host holds.'),
        usage,
      }),
    ),
  })
  .meta({ id: 'Instance' });

export const imageView = z
  .object({
    id: z.string(),
    label: z.string(),
    description: z.string(),
    status: z.enum(['creating', 'available', 'failed']),
    failureReason: z.string().nullable(),
    sizeBytes: bytes,
    dataBytes: bytes.describe('Used space of the disk captured: what the ceiling was checked against.'),
    storedBytes: bytes.describe('What the store holds for it after deduplication and compression.'),
    newBytes: bytes,
    source: z.string().nullable(),
    sourceInstanceId: z.string().nullable(),
    team: z.string(),
    region: z.string(),
    createdByName: z.string(),
    createdAt: iso,
    jobId: z.string().nullable(),
    monthlyCost: z.number(),
    writable: z.boolean(),
    downloadable: z.boolean(),
  })
  .meta({ id: 'Image' });

export const imageList = z.object({
  images: z.array(imageView),
  accounts: z.array(
    z.object({ name: z.string(), count: z.number().int(), limit: z.number().int(), label: z.string() }),
  ),
  storedBytes: bytes,
  monthlyCost: z.number(),
});

export const backupView = z
  .object({
    id: z.string(),
    kind: z.enum(['automatic', 'snapshot']),
    slot: z.enum(['daily', 'weekly', 'biweekly', 'snapshot']).nullable(),
    label: z.string().nullable(),
    status: z.enum(['pending', 'running', 'successful', 'failed']),
    damaged: z.boolean(),
    failureReason: z.string().nullable(),
    takenAt: isoOrNull,
    windowStart: isoOrNull,
    sizeBytes: bytes,
    dataBytes: bytes,
    storedBytes: bytes,
    verifiedAt: isoOrNull,
  })
  .meta({ id: 'Backup' });

export const backupsOfInstance = z.object({
  instance: z.object({ id: z.string(), label: z.string(), enabled: z.boolean(), region: z.string() }),
  canWrite: z.boolean(),
  price: z.number().nullable(),
  schedule: z.object({
    day: z.string(),
    window: z.string(),
    dayName: z.string(),
    windowUtc: z.string(),
    systemPicked: z
      .object({ day: z.boolean(), window: z.boolean() })
      .describe('Whether Lifeboat picked the day or window (none was chosen).'),
  }),
  next: z.array(z.object({ at: iso, weekly: z.boolean() })),
  overdue: z.boolean(),
  backups: z.array(backupView),
  restoreTargets: z.array(z.object({ id: z.string(), label: z.string() })),
});

export const auditEntry = z
  .object({
    id: z.string(),
    at: iso,
    actorEmail: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetLabel: z.string(),
    targetId: z.string().nullable(),
    teamName: z.string(),
    ip: z.string(),
    result: z.enum(['success', 'refused', 'failure']),
    detail: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const auditPage = z.object({
  entries: z.array(auditEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageCount: z.number().int(),
});

const role = z.enum(['member', 'viewer']);

export const userView = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    isAdmin: z.boolean(),
    disabled: z.boolean(),
    mustChangePassword: z.boolean(),
    teams: z.array(z.object({ id: z.string(), name: z.string(), role })),
  })
  .meta({ id: 'User' });

export const teamRow = z
  .object({
    id: z.string(),
    name: z.string(),
    members: z.number().int(),
    instances: z.number().int(),
    images: z.number().int(),
    maxImages: z.number().int().nullable(),
    maxInstances: z.number().int().nullable(),
    backupsRequired: z.boolean(),
    holding: z.boolean(),
  })
  .meta({ id: 'Team' });

export const teamDetail = z.object({
  id: z.string(),
  name: z.string(),
  members: z.array(z.object({ id: z.string(), email: z.string(), name: z.string(), disabled: z.boolean(), role })),
  quota: z.object({
    maxImages: z.number().int().nullable(),
    images: z.number().int(),
    maxInstances: z.number().int().nullable(),
    instances: z.number().int(),
  }),
  backupsRequired: z.boolean(),
  holding: z.boolean(),
  nonCompliant: z.number().int(),
});

export const tokenView = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the secret, to tell tokens apart.'),
    scope: z.enum(['read', 'write']),
    teamIds: z.array(z.string()).nullable(),
    expiresAt: isoOrNull,
    lastUsedAt: isoOrNull,
    lastUsedIp: z.string(),
    revokedAt: isoOrNull,
    expired: z.boolean(),
    createdAt: iso,
  })
  .meta({ id: 'Token' });

export const me = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), isAdmin: z.boolean() }),
  teams: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      role: z.enum(['member', 'viewer', 'admin']).describe('admin: an administrator who is not a member of it.'),
    }),
  ),
});
