import { z } from 'zod';
import { AUDIT_RESULTS, type AuditFilter } from '@/lib/domain/audit';
import { wholeNumber } from './text';

// The audit log's URL state: what the filter form, the pager and the CSV link write. Anything
// odd in the URL falls back to "no filter" or the default rather than failing the page.

export const AUDIT_PAGE_SIZE = 50;

const id = z
  .string()
  .trim()
  .max(64)
  .regex(/^[A-Za-z0-9_-]*$/)
  .catch('');

// A real calendar day (2026-02-30 is refused, not rolled into March).
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  })
  .catch('');

export const auditQuery = z.object({
  user: id,
  team: id,
  // A whole action ("image.delete") or its family ("image").
  action: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/)
    .or(z.literal(''))
    .catch(''),
  from: day,
  to: day,
  result: z.enum(AUDIT_RESULTS).or(z.literal('')).catch(''),
  page: wholeNumber({ min: 1, max: 100_000, message: 'page' }).catch(1),
  size: wholeNumber({ min: 10, max: 200, message: 'size' }).catch(AUDIT_PAGE_SIZE),
});

export type AuditQuery = z.infer<typeof auditQuery>;

/** Reads the filter from Next's searchParams (values may be arrays; the first wins). */
export function parseAuditQuery(params: Record<string, string | string[] | undefined>): AuditQuery {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return auditQuery.parse({
    user: first(params.user) ?? '',
    team: first(params.team) ?? '',
    action: first(params.action) ?? '',
    from: first(params.from) ?? '',
    to: first(params.to) ?? '',
    result: first(params.result) ?? '',
    page: first(params.page),
    size: first(params.size),
  });
}

const FILTERS = ['user', 'team', 'action', 'from', 'to', 'result'] as const;

/**
 * The filters given in the URL that are not valid (and so read as "no filter"). The page may
 * shrug them off, but an export must not: a CSV of every entry, when one day was asked for,
 * would be a file that says something untrue about what it holds.
 */
export function invalidAuditFilters(params: Record<string, string | string[] | undefined>): string[] {
  const query = parseAuditQuery(params);
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return FILTERS.filter((key) => (first(params[key]) ?? '').trim() !== '' && query[key] === '');
}

/** The service filter for a query: days are UTC, and `to` takes in the whole of its day. */
export function auditFilter(query: AuditQuery): AuditFilter {
  const to = query.to ? new Date(`${query.to}T00:00:00Z`) : undefined;
  if (to) to.setUTCDate(to.getUTCDate() + 1);
  return {
    ...(query.user ? { userId: query.user } : {}),
    ...(query.team ? { teamId: query.team } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.from ? { from: new Date(`${query.from}T00:00:00Z`) } : {}),
    ...(to ? { to } : {}),
    ...(query.result ? { result: query.result } : {}),
  };
}

/** URL parameters for a query, leaving out empty filters and defaults so links stay short. */
export function auditSearch(query: AuditQuery, change: Partial<AuditQuery> = {}): URLSearchParams {
  const next = { ...query, ...change };
  const search = new URLSearchParams();
  for (const key of FILTERS) if (next[key]) search.set(key, next[key]);
  if (next.page > 1) search.set('page', String(next.page));
  if (next.size !== AUDIT_PAGE_SIZE) search.set('size', String(next.size));
  return search;
}

/** True when any filter (not paging) narrows the list. */
export function isFiltered(query: AuditQuery): boolean {
  return !!(query.user || query.team || query.action || query.from || query.to || query.result);
}
