// The load run: `connections` signed-in connections for `seconds` with autocannon against a mix
// of overview and list pages, with the machine's CPU per core (/proc/stat), the server's own CPU
// and its resident memory before, at its peak and 30 s after.
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import type { Session } from './client';
import { treeCpuSeconds, treeRss } from './server';

type Histogram = { p50: number; p99: number; average: number; max: number };
type AutocannonResult = {
  requests: Histogram & { total: number };
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
};
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export const LOAD_MIX = [
  '/',
  '/instances',
  '/instances?sort=usage&dir=desc',
  '/instances?page=2',
  '/instances?sort=created&dir=desc&page=3',
  '/instances?q=web-1',
];
const AFTER_MS = 30_000;

export type LoadResult = {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  total: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  corePercent: number[];
  serverCores: number;
  // This process's CPU in the run (autocannon's, on the same cores).
  clientCores: number;
  // The machine's 1-minute load average at the end of the run (others' work included).
  loadAverage: number;
  rss: { before: number; peak: number; after: number };
};

function cpuTimes(): { busy: number; total: number }[] {
  return fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .filter((line) => /^cpu\d+ /.test(line))
    .map((line) => {
      const [user, nice, system, idle, iowait, irq, softirq, steal] = line.split(/\s+/).slice(1, 9).map(Number);
      const busy = user + nice + system + irq + softirq + steal;
      return { busy, total: busy + idle + iowait };
    });
}

export async function runLoad(
  session: Session,
  pid: number,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const before = treeRss(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss(pid))), 250);
  const cpuStart = cpuTimes();
  const serverStart = treeCpuSeconds(pid);
  const clientStart = process.cpuUsage();
  const started = performance.now();
  let result: AutocannonResult;
  try {
    result = await autocannon({
      url: session.origin,
      connections,
      duration: seconds,
      headers: { cookie: session.cookie, accept: 'text/html', 'accept-encoding': 'gzip' },
      requests: LOAD_MIX.map((path) => ({ method: 'GET', path })),
    });
  } finally {
    clearInterval(sampler);
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpuEnd = cpuTimes();
  const serverCores = (treeCpuSeconds(pid) - serverStart) / elapsed;
  const client = process.cpuUsage(clientStart);
  const clientCores = (client.user + client.system) / 1e6 / elapsed;
  const loadAverage = os.loadavg()[0];
  peak = Math.max(peak, treeRss(pid));
  await new Promise((r) => setTimeout(r, AFTER_MS));
  return {
    connections,
    seconds,
    requestsPerSecond: result.requests.total / elapsed,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    corePercent: cpuEnd.map(
      (end, i) => (100 * (end.busy - cpuStart[i].busy)) / Math.max(1, end.total - cpuStart[i].total),
    ),
    serverCores,
    clientCores,
    loadAverage,
    rss: { before, peak, after: treeRss(pid) },
  };
}
