import type { InstanceListQuery, InstanceSort } from '@/lib/schemas/instances';

// Builds list URLs from the current state, leaving defaults out so URLs stay short.
export function listHref(query: InstanceListQuery, change: Partial<InstanceListQuery>): string {
  const next = { ...query, ...change };
  const search = new URLSearchParams();
  if (next.q) search.set('q', next.q);
  if (next.sort !== 'label') search.set('sort', next.sort);
  if (next.dir !== 'asc') search.set('dir', next.dir);
  if (next.page > 1) search.set('page', String(next.page));
  if (next.size !== 20) search.set('size', String(next.size));
  if (next.health) search.set('health', next.health);
  const s = search.toString();
  return s ? `/instances?${s}` : '/instances';
}

/** Clicking the current sort column flips its direction; another column starts ascending. */
export function sortHref(query: InstanceListQuery, sort: InstanceSort): string {
  const dir = query.sort === sort && query.dir === 'asc' ? 'desc' : 'asc';
  return listHref(query, { sort, dir, page: 1 });
}
