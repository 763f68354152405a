// The web bench's tables and the targets of issue 16 it checks: every page's p95 under 150 ms,
// the overview's size not growing with the instance count, and under load 0 errors, p99 under
// 1 s, both cores used by the server and memory back near its level after (./load.ts).
import { MEMORY_SLACK, SETTLE_MS, type LoadResult, type Phase } from './load';
import type { PageTiming } from './pages';

export const P95_TARGET_MS = 150;
const P99_TARGET_MS = 1_000;
const OVERVIEW_SLACK = 1.1;

export type Users = 'member' | 'admin';
export type TableRow = { name: string; timings: Partial<Record<Users, PageTiming>> };
export type Table = { database: string; size: number; seedSeconds: number; rows: TableRow[] };

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n: number) => `${(n / 1024 ** 2).toFixed(0)} MB`;

function cell(t: PageTiming | undefined): string[] {
  if (!t) return ['-', '-', '-'];
  const mark = t.p95 > P95_TARGET_MS ? ' ✗' : '';
  const status = t.bad ? ` (${t.bad}× HTTP ${t.status})` : '';
  return [ms(t.p50), `${ms(t.p95)}${mark}`, `${kb(t.bytes)}${status}`];
}

function printGrid(head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

export function printTable(t: Table, runs: number, warmups: number) {
  console.log(
    `\n${t.database}, ${t.size.toLocaleString('en')} instances (seeded in ${t.seedSeconds.toFixed(1)} s): server time over ${runs} requests after ${warmups} warm-ups; ✗ = p95 over ${P95_TARGET_MS} ms`,
  );
  printGrid(
    ['page', 'member p50', 'p95', 'bytes', 'admin p50', 'p95', 'bytes'],
    t.rows.map((r) => [r.name, ...cell(r.timings.member), ...cell(r.timings.admin)]),
  );
}

const phaseRow = (label: string, p: Phase) => [
  label,
  p.requestsPerSecond.toFixed(1),
  String(p.total),
  ms(p.p50),
  ms(p.p99),
  ms(p.max),
  String(p.errors),
  String(p.timeouts),
  String(p.non2xx),
];

export function printLoad(where: string, l: LoadResult, mix: string[]) {
  console.log(`\nLoad: ${l.connections} connections on ${where}, signed in as the member, cycling ${mix.join(' ')}`);
  const warm = l.warmup ? [phaseRow(`first ${l.warmup.seconds} s (warm-up)`, l.warmup)] : [];
  printGrid(
    ['phase', 'requests/s', 'requests', 'p50', 'p99', 'max', 'errors', 'timeouts', 'non-2xx'],
    [...warm, phaseRow(`then ${l.seconds} s (measured)`, l)],
  );
  const cores = l.corePercent.map((p, i) => `cpu${i} ${p.toFixed(0)} %`).join(', ');
  console.log(
    `CPU busy per core over the measured run (whole machine, shared): ${cores}; the server's own processes: ${l.serverCores.toFixed(2)} cores; autocannon (in the bench's process, on the same cores): ${l.clientCores.toFixed(2)} cores; 1-minute load average at the end ${l.loadAverage.toFixed(1)}`,
  );
  const within = `within ${(100 * (MEMORY_SLACK - 1)).toFixed(0)} % of before`;
  const settled =
    l.rss.settledSeconds === null
      ? `not back ${within} ${SETTLE_MS / 1000} s after: ${mb(l.rss.after)}`
      : `back ${within} ${l.rss.settledSeconds.toFixed(0)} s after the load: ${mb(l.rss.after)}`;
  console.log(`Server RSS: before the warm-up ${mb(l.rss.before)}, peak ${mb(l.rss.peak)}, ${settled}`);
}

/** One line per missed target (an empty list: every target checked was met). */
export function missedTargets(tables: Table[], load: LoadResult | null): string[] {
  const missed: string[] = [];
  for (const t of tables)
    for (const r of t.rows)
      for (const [user, timing] of Object.entries(r.timings)) {
        if (timing.bad) missed.push(`${t.database} ${t.size}: ${r.name} (${user}) answered HTTP ${timing.status}`);
        else if (timing.p95 > P95_TARGET_MS)
          missed.push(`${t.database} ${t.size}: ${r.name} (${user}) p95 ${ms(timing.p95)} > ${P95_TARGET_MS} ms`);
      }
  for (const database of new Set(tables.map((t) => t.database))) {
    const sizes = tables.filter((t) => t.database === database);
    for (const user of ['member', 'admin'] as const) {
      const bytes = sizes.map((t) => t.rows.find((r) => r.name === 'overview')?.timings[user]?.bytes ?? 0);
      if (sizes.length > 1 && Math.max(...bytes) > OVERVIEW_SLACK * Math.min(...bytes))
        missed.push(`${database}: the overview (${user}) grows with the instance count: ${bytes.map(kb).join(' → ')}`);
    }
  }
  if (load) {
    for (const [phase, p] of [
      ['warm-up', load.warmup],
      ['measured', load],
    ] as const)
      if (p && p.errors + p.timeouts + p.non2xx > 0)
        missed.push(`load (${phase}): ${p.errors} errors, ${p.timeouts} timeouts, ${p.non2xx} non-2xx (target 0)`);
    if (load.p99 > P99_TARGET_MS) missed.push(`load: p99 ${ms(load.p99)} > ${P99_TARGET_MS} ms`);
    if (load.serverCores < 1.5)
      missed.push(`load: the server used ${load.serverCores.toFixed(2)} cores (target: both, > 1.5)`);
    if (load.rss.settledSeconds === null)
      missed.push(
        `load: RSS ${mb(load.rss.after)} ${SETTLE_MS / 1000} s after, against ${mb(load.rss.before)} before (target within 20 %)`,
      );
  }
  return missed;
}
