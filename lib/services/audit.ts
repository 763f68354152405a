import type { Db } from '@/lib/db/client';

// The audit trail: one row per change, written by the action wrapper (lib/actions/safe-action.ts)
// and by sign-in. Listing is paginated and filtered on the server, scoped to the caller's teams.

export const AUDIT_RESULTS = ['success', 'refused', 'failure'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

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

// `action` is a whole name or its family: "image" matches image.delete but not imagery.x.
// `to` is exclusive (the caller passes the start of the day after the last one it wants).
export type AuditFilter = {
  userId?: string;
  teamId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  result?: AuditResult;
};

/** The where clause for a filter within the teams a caller may read (null: every entry). */
export function auditWhere(scope: string[] | null, filter: AuditFilter) {
  return {
    ...(scope === null ? {} : { teamId: { in: scope } }),
    ...(filter.teamId ? { teamId: scope === null || scope.includes(filter.teamId) ? filter.teamId : '__none__' } : {}),
    ...(filter.userId ? { actorId: filter.userId } : {}),
    ...(filter.action ? { OR: [{ action: filter.action }, { action: { startsWith: `${filter.action}.` } }] } : {}),
    ...(filter.result ? { result: filter.result } : {}),
    ...(filter.from || filter.to
      ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
      : {}),
  };
}

export async function listAudit(db: Db, scope: string[] | null, filter: AuditFilter, page: number, pageSize: number) {
  const where = auditWhere(scope, filter);
  const total = await db.auditEntry.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = await db.auditEntry.findMany({
    where,
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    skip: (current - 1) * pageSize,
    take: pageSize,
  });
  return { rows, total, page: current, pageCount };
}

/**
 * Every matching entry, newest first, in batches for a streamed export; at most `limit` rows.
 * Paging by cursor rather than offset keeps each batch cheap deep into a large log, and entries
 * written while the export runs are newer than the cursor, so they neither shift nor repeat rows.
 */
export async function* auditBatches(
  db: Db,
  scope: string[] | null,
  filter: AuditFilter,
  limit: number,
  batchSize = 1000,
) {
  const where = auditWhere(scope, filter);
  let cursor: string | undefined;
  for (let sent = 0; sent < limit;) {
    const rows = await db.auditEntry.findMany({
      where,
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: Math.min(batchSize, limit - sent),
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (rows.length === 0) return;
    yield rows;
    sent += rows.length;
    cursor = rows[rows.length - 1].id;
  }
}
