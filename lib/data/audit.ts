import 'server-only';
import { getActiveCaller, requireCaller } from '@/lib/auth/session';
import { readableTeamIds } from '@/lib/auth/permissions';
import { db, type Db } from '@/lib/db/client';
import { csvRow } from '@/lib/domain/csv';
import { auditFilter, type AuditQuery } from '@/lib/schemas/audit';
import { auditBatches, auditWhere, listAudit } from '@/lib/services/audit';

// Audit reads for the log page and its CSV export. Members and viewers see the entries of their
// own teams; entries without a team (sign-ins, user administration) are for admins only. The
// filter choices are scoped the same way, so the lists never name another team or user.

export type AuditEntryView = {
  id: string;
  at: string;
  actorEmail: string;
  action: string;
  targetType: string;
  targetLabel: string;
  targetId: string | null;
  teamName: string;
  ip: string;
  result: string;
  detail: string;
};

export type AuditFilterOptions = { users: { id: string; label: string }[]; teams: { id: string; name: string }[]; actions: string[] };

export const AUDIT_EXPORT_LIMIT = 100_000;

export const AUDIT_CSV_HEADER = ['time', 'user', 'action', 'resource type', 'resource', 'resource id', 'team', 'address', 'result', 'detail'] as const;

type AuditRow = Awaited<ReturnType<typeof listAudit>>['rows'][number];

function toView(row: AuditRow): AuditEntryView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorEmail: row.actorEmail,
    action: row.action,
    targetType: row.targetType,
    targetLabel: row.targetLabel,
    targetId: row.targetId,
    teamName: row.teamName,
    ip: row.ip,
    result: row.result,
    detail: row.detail,
  };
}

/** One page of the log for the filter in the URL, with the choices the filter form offers. */
export async function readAuditLog(query: AuditQuery) {
  const caller = await requireCaller();
  const database = db();
  const scope = readableTeamIds(caller);
  const [{ rows, total, page, pageCount }, filterOptions] = await Promise.all([
    listAudit(database, scope, auditFilter(query), query.page, query.size),
    readFilterOptions(database, scope),
  ]);
  return { entries: rows.map(toView), total, page, pageCount, query: { ...query, page }, filterOptions };
}

// Choices come from the caller's whole scope, not the current filter, so picking one user
// does not hide the others from the list.
async function readFilterOptions(database: Db, scope: string[] | null): Promise<AuditFilterOptions> {
  const visible = auditWhere(scope, {});
  const [actors, actions, teams, teamsInLog] = await Promise.all([
    database.auditEntry.groupBy({ by: ['actorId', 'actorEmail'], where: { ...visible, actorId: { not: null } }, _max: { at: true } }),
    database.auditEntry.groupBy({ by: ['action'], where: visible, orderBy: { action: 'asc' } }),
    database.team.findMany({ where: scope === null ? {} : { id: { in: scope } }, select: { id: true, name: true } }),
    // Admins may also filter by a team deleted since; its entries keep the name it had.
    scope === null ? database.auditEntry.groupBy({ by: ['teamId', 'teamName'], where: { teamId: { not: null } } }) : Promise.resolve([]),
  ]);

  // A user whose email changed appears under the email of their latest entry.
  const latest = new Map<string, { label: string; at: number }>();
  for (const a of actors) {
    const at = a._max.at?.getTime() ?? 0;
    const seen = latest.get(a.actorId!);
    if (!seen || at > seen.at) latest.set(a.actorId!, { label: a.actorEmail || a.actorId!, at });
  }
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  for (const t of teamsInLog) if (!teamNames.has(t.teamId!)) teamNames.set(t.teamId!, t.teamName || t.teamId!);

  const byText = (a: string, b: string) => a.localeCompare(b, 'en');
  return {
    users: [...latest].map(([id, v]) => ({ id, label: v.label })).sort((a, b) => byText(a.label, b.label)),
    teams: [...teamNames].map(([id, name]) => ({ id, name })).sort((a, b) => byText(a.name, b.name)),
    actions: actions.map((a) => a.action),
  };
}

/**
 * The CSV export of every entry matching the filter, newest first, as chunks of text to stream;
 * null when signed out (PasswordChangeRequiredError before a one-time password is replaced). Past `limit` rows it stops and says so in a last comment line, so a
 * spreadsheet user knows the file is not the whole log.
 */
export async function readAuditCsv(query: AuditQuery, limit = AUDIT_EXPORT_LIMIT): Promise<AsyncIterable<string> | null> {
  const caller = await getActiveCaller();
  if (!caller) return null;
  const database = db();
  const scope = readableTeamIds(caller);
  const filter = auditFilter(query);
  return (async function* () {
    yield csvRow(AUDIT_CSV_HEADER);
    let sent = 0;
    // One row past the limit tells a capped export from one that is exactly full.
    for await (const rows of auditBatches(database, scope, filter, limit + 1)) {
      const take = rows.slice(0, limit - sent);
      sent += take.length;
      if (take.length) {
        yield take.map((r) => csvRow([r.at.toISOString(), r.actorEmail, r.action, r.targetType, r.targetLabel, r.targetId, r.teamName, r.ip, r.result, r.detail])).join('');
      }
      if (take.length < rows.length) {
        yield `# Capped at ${limit} rows (the newest); narrow the filters to export older entries.\r\n`;
        return;
      }
    }
  })();
}
