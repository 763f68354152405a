import type { Permission } from '@/lib/auth/permissions';
import { parseAuditQuery } from '@/lib/schemas/audit';
import { recordAudit } from '@/lib/db/audit';
import { backupOf, destinationOf, imageOf, instanceOf, queuedJobOf, teamOf, type World } from './world';

// One entry per page read (lib/data), keyed "<file>.<export>": its rule, the arguments for a
// call about a fresh resource of team A, and whether the result shows that resource. "Refused"
// for a read means it did not show it: null, a redirect to sign-in, or a list without it.

type Shown = (result: any, arranged: any) => boolean | Promise<boolean>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type ReadCase = {
  rule: Permission;
  arrange: (w: World) => Promise<{ args: unknown[]; arranged?: unknown }>;
  shown: Shown;
};

const has = (list: { id: string }[] | undefined, id: string) => !!list?.some((x) => x.id === id);
/** A read of a fresh resource (or of nothing) that shows it by answering at all. */
const answers = (rule: Permission, args: (w: World) => Promise<unknown[]> = async () => []): ReadCase => ({
  rule,
  arrange: async (w) => ({ args: await args(w) }),
  shown: (r) => r !== null,
});
/** A read about a fresh resource of team A (made by `of`) that shows it when `shown` says so. */
const readOf = <T>(
  of: (w: World) => Promise<T>,
  args: (x: T, w: World) => unknown[],
  shown: (result: any, x: T) => boolean | Promise<boolean>, // eslint-disable-line @typescript-eslint/no-explicit-any
): ReadCase => ({
  rule: 'read',
  arrange: async (w) => {
    const x = await of(w);
    return { args: args(x, w), arranged: x };
  },
  shown: shown as Shown,
});
const listQuery = (q: string) => ({ q, sort: 'label', dir: 'asc', page: 1, size: 20 });
/** An audit entry of team A with a label of its own. */
const auditEntryOf = (label: string) => (w: World) =>
  recordAudit(w.db, { action: 'image.update', result: 'success', teamId: w.teamA, targetLabel: w.unique(label) });

export const READ_CASES: Record<string, ReadCase> = {
  'instances.readInstanceList': readOf(
    instanceOf,
    (i) => [listQuery(i.label)],
    (r, i) => has(r?.items, i.id),
  ),
  'instances.readInstanceDetail': answers('read', async (w) => [(await instanceOf(w)).id]),
  // The overview lists a team's instances that break its backups-required policy.
  'instances.readOverview': readOf(
    async (w) => {
      await w.db.team.update({ where: { id: w.teamA }, data: { backupsRequired: true } });
      return instanceOf(w);
    },
    () => [],
    (r, i) => has(r?.nonCompliant, i.id),
  ),
  'images.readImages': readOf(
    imageOf,
    () => [],
    (r, image) => has(r?.images, image.id),
  ),
  'images.readInstanceImages': readOf(
    imageOf,
    (image) => [image.sourceInstanceId],
    (r, image) => has(r ?? undefined, image.id),
  ),
  'images.readCaptureForm': answers('read', async (w) => [(await instanceOf(w)).id]),
  'images.readDeployForm': answers('read', async (w) => [(await imageOf(w)).id]),
  // The teams it offers are those the caller may add an image to.
  'images.readUploadForm': {
    rule: 'write',
    arrange: async (w) => ({ args: [], arranged: w.teamA }),
    shown: (r, teamA) => has(r?.teams, teamA),
  },
  'backups.readBackupsTab': answers('read', async (w) => [(await backupOf(w)).instance.id]),
  'backups.readBackupDeployForm': answers('read', async (w) => [(await backupOf(w)).backup.id]),
  'jobs.readJob': answers('read', async (w) => [(await queuedJobOf(w)).id]),
  'jobs.readActiveInstanceJob': readOf(
    queuedJobOf,
    (job) => [job.instanceId],
    (r, job) => r?.id === job.id,
  ),
  'jobs.readRecentJobs': readOf(
    queuedJobOf,
    () => [],
    (r, job) => has(r, job.id),
  ),
  'audit.readAuditLog': readOf(
    auditEntryOf('audited'),
    (_entry, w) => [parseAuditQuery({ team: w.teamA })],
    (r, entry) => has(r?.entries, entry.id),
  ),
  'audit.readAuditCsv': readOf(
    auditEntryOf('exported'),
    () => [parseAuditQuery({})],
    async (r, entry) => {
      if (!r) return false;
      let text = '';
      for await (const chunk of r) text += chunk;
      return text.includes(entry.targetLabel);
    },
  ),
  'admin.readAdminSummary': answers('admin'),
  'admin.readUsers': answers('admin'),
  'admin.readTeams': answers('admin'),
  'admin.readTeam': answers('admin', async (w) => [(await teamOf(w)).id]),
  'accounts.readAccounts': answers('admin'),
  'stores.readStores': answers('admin'),
  'api-tokens.readOwnTokens': answers('self'),
  'api-tokens.readTokenSettings': answers('self'),
  'api-tokens.readAllTokens': answers('admin'),
  'me.readMe': answers('self'),
  'alerts.readAlerts': readOf(
    destinationOf,
    (d) => [d.teamId],
    (r, d) => has(r?.team?.destinations, d.id),
  ),
  'alerts.readAlertSettings': answers('admin'),
  'metrics.readMetricsToken': answers('admin'),
};
