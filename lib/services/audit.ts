import type { Db } from '@/lib/db/client';
import type { AuditFilter } from '@/lib/domain/audit';

// Reading the audit trail: listing is paginated and filtered on the server, scoped to the
// caller's teams (entries are written by lib/db/audit.ts).

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
