import 'server-only';
import { can } from '@/lib/auth/permissions';
import { requireCaller } from '@/lib/auth/session';
import { descriptorOf } from '@/lib/providers';
import { catalogFor, catalogOrEmpty, planOf, regionOf } from '@/lib/services/catalogs';
import { planFitsImage } from '@/lib/domain/images';
import { db } from '@/lib/db/client';
import { isOverdue } from '@/lib/domain/backups/overdue';
import { rotatesOutNext, type AutomaticSlot } from '@/lib/domain/backups/rotation';
import { nextBackupTimes, resolveSchedule, windowLabelUtc, type BackupSchedule } from '@/lib/domain/backups/schedule';

// The backups tab of an instance: slots, schedule with its next runs, what rotates out next,
// and where a backup may be restored. Scoped to the caller; numbers and ISO strings only.

export async function readBackupsTab(instanceId: string, now = new Date()) {
  const caller = await requireCaller();
  const instance = await db().instance.findUnique({ where: { id: instanceId }, include: { account: true } });
  if (!instance || !can(caller, 'read', instance.teamId)) return null;
  const { traits, label, copy } = descriptorOf(instance.account.kind);
  const catalog = await catalogOrEmpty(instance.account);
  const backups = await db().backup.findMany({ where: { instanceId }, orderBy: { createdAt: 'desc' } });
  const schedule = { day: instance.backupDay, window: instance.backupWindow } as BackupSchedule;
  const resolved = resolveSchedule(schedule, instance.id);
  const automatic = backups
    .filter((b) => b.kind === 'automatic' && b.status === 'successful' && b.slot && b.takenAt)
    .map((b) => ({ id: b.id, takenAt: b.takenAt!, slot: b.slot as AutomaticSlot }));
  const preview = rotatesOutNext(automatic, resolved, now);
  const lastSuccess = backups.find((b) => b.status === 'successful')?.takenAt ?? null;
  // A backup restores within its own account and region only.
  const targets = await db().instance.findMany({ where: { accountId: instance.accountId, region: instance.region }, select: { id: true, label: true, teamId: true }, orderBy: { label: 'asc' }, take: 200 });
  return {
    instance: { id: instance.id, label: instance.label, enabled: instance.backupsEnabled, region: instance.region },
    canWrite: can(caller, 'write', instance.teamId),
    price: planOf(catalog, instance.plan)?.backupPricePerMonth ?? null,
    // Some providers take their automatic backups on their own clock and keep them out of Lifeboat's reach.
    provider: { label, remote: traits.remote, storesCopies: traits.storesCopies, diskBasis: traits.diskBasis, schedulesItself: traits.ownsBackupSchedule, canVerify: traits.canVerifyBackups, scheduleNote: copy.schedulesItself ?? null, restoreNote: copy.restore },
    schedule: { ...schedule, dayName: resolved.dayName, window: resolved.window, windowUtc: windowLabelUtc(resolved.window), systemPicked: resolved.systemPicked },
    next: nextBackupTimes(resolved, now, 5).map((n) => ({ at: n.at.toISOString(), weekly: n.weekly })),
    rotation: { at: preview.at.toISOString(), deletes: preview.deletes.map((d) => ({ slot: d.slot, reason: d.reason })) },
    overdue: isOverdue({ enabled: instance.backupsEnabled, lastSuccessAt: lastSuccess, enabledAt: instance.backupsEnabledAt }, now),
    backups: backups.map((b) => ({
      id: b.id,
      kind: b.kind,
      slot: b.slot,
      label: b.label,
      status: b.status,
      damaged: b.damaged,
      failureReason: b.failureReason,
      takenAt: b.takenAt?.toISOString() ?? null,
      windowStart: b.windowStart?.toISOString() ?? null,
      sizeBytes: Number(b.sizeBytes),
      dataBytes: Number(b.dataBytes),
      storedBytes: Number(b.storedBytes),
      verifiedAt: b.verifiedAt?.toISOString() ?? null,
    })),
    restoreTargets: targets.filter((t) => can(caller, 'write', t.teamId)).map((t) => ({ id: t.id, label: t.label })),
  };
}

export type BackupsTab = NonNullable<Awaited<ReturnType<typeof readBackupsTab>>>;

/** The deploy form for a backup: its own region only, teams the caller may deploy into, plans with why one does not fit. */
export async function readBackupDeployForm(backupId: string) {
  const caller = await requireCaller();
  const backup = await db().backup.findUnique({ where: { id: backupId }, include: { instance: { select: { label: true, account: true } } } });
  if (!backup || !can(caller, 'read', backup.teamId)) return null;
  const teams = await db().team.findMany({ orderBy: { name: 'asc' } });
  const catalog = await catalogFor(backup.instance.account);
  const region = regionOf(catalog, backup.region);
  return {
    backup: { id: backup.id, slot: backup.slot ?? backup.kind, usable: backup.status === 'successful' && !backup.damaged, sizeBytes: Number(backup.sizeBytes), instanceLabel: backup.instance.label },
    teams: teams.filter((t) => can(caller, 'write', t.id)).map((t) => ({ id: t.id, name: t.name })),
    defaultTeamId: backup.teamId,
    regions: [{ id: backup.region, label: region?.label ?? backup.region }],
    plans: catalog.plans.map((p) => {
      const fit = planFitsImage(p.diskBytes, Number(backup.sizeBytes));
      return { id: p.id, label: p.label, diskBytes: p.diskBytes, pricePerMonth: p.pricePerMonth, disabledReason: fit.ok ? null : fit.reason.replace('image', 'backup') };
    }),
  };
}
