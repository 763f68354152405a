// The pages the web bench times, and the timing itself: warm-ups, then `runs` requests in a row,
// each from the request to the last byte of the body.
import { timedGet, type Session } from './client';

export const PAGE_SIZE = 20; // the list's default page size (lib/schemas/instances.ts)
const SORTS = ['label', 'status', 'region', 'plan', 'usage', 'backups', 'created'] as const;

export type Page = { name: string; path: string };

/** Every page timed for a user who sees `visible` instances; `instanceId` is one they can open. */
export function benchPages(visible: number, instanceId: string): Page[] {
  const last = Math.max(1, Math.ceil(visible / PAGE_SIZE));
  const list: Page[] = [];
  const dirs = (sort: string) => (sort === 'label' ? ['asc', 'desc'] : ['asc']);
  for (const sort of SORTS)
    for (const dir of dirs(sort))
      for (const [which, page] of [
        ['first', 1],
        ['last', last],
      ] as const)
        list.push({ name: `list ${sort} ${dir} ${which}`, path: `/instances?sort=${sort}&dir=${dir}&page=${page}` });
  return [
    { name: 'overview', path: '/' },
    ...list,
    { name: 'search q=web-99', path: '/instances?q=web-99' },
    { name: 'instance page', path: `/instances/${instanceId}` },
    { name: 'images', path: '/images' },
  ];
}

export type PageTiming = { p50: number; p95: number; bytes: number; bad: number; status: number };

/** The q-th quantile (0..1) of `values`, nearest rank. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export async function timePage(session: Session, path: string, runs: number, warmups: number): Promise<PageTiming> {
  for (let i = 0; i < warmups; i++) await timedGet(session, path);
  const times: number[] = [];
  let bytes = 0;
  let bad = 0;
  let status = 200;
  for (let i = 0; i < runs; i++) {
    const t = await timedGet(session, path);
    times.push(t.ms);
    bytes = Math.max(bytes, t.bytes);
    if (t.status !== 200) {
      bad += 1;
      status = t.status;
    }
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), bytes, bad, status };
}
