import type { Db } from '@/lib/db/client';
import type { AuditResult } from '@/lib/domain/audit';

// The audit trail's one writer: one row per change, written by the action wrapper
// (lib/actions/safe-action.ts), by sign-in and by the job engine when a job ends.

export type AuditInput = {
  action: string;
  result: AuditResult;
  actorId?: string | null;
  actorEmail?: string;
  targetType?: string;
  targetId?: string | null;
  targetLabel?: string;
  teamId?: string | null;
  teamName?: string;
  ip?: string;
  detail?: string;
  at?: Date;
};

/** Writes one entry; the team's name is copied in so the entry reads right after a rename or delete. */
export async function recordAudit(db: Db, entry: AuditInput) {
  const teamName =
    entry.teamName ??
    (entry.teamId
      ? ((await db.team.findUnique({ where: { id: entry.teamId }, select: { name: true } }))?.name ?? '')
      : '');
  return db.auditEntry.create({
    data: {
      action: entry.action,
      result: entry.result,
      actorId: entry.actorId ?? null,
      actorEmail: entry.actorEmail ?? '',
      targetType: entry.targetType ?? '',
      targetId: entry.targetId ?? null,
      targetLabel: entry.targetLabel ?? '',
      teamId: entry.teamId ?? null,
      teamName,
      ip: entry.ip ?? '',
      detail: (entry.detail ?? '').slice(0, 2000),
      ...(entry.at ? { at: entry.at } : {}),
    },
  });
}
