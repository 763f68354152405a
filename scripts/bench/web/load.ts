// The load run: `connections` signed-in connections for `seconds` with autocannon against a mix
// of overview and list pages, with the machine's CPU per core (/proc/stat), the server's own CPU
// and its resident memory before, at its peak and after.
//
// It starts with `warmSeconds` of the same load, reported on a line of its own: the page timings
// before it ran one request at a time over one connection, so one web process has rendered every
// page and the other none, and a process's first few hundred renders are slower (V8 compiling
// the render path, Prisma planning each query shape). The measured run is the server as a team
// that has been using it meets it. Memory is watched until it is back within MEMORY_SLACK of
// before, for up to SETTLE_MS: V8 gives its grown heap back only once its memory reducer runs,
// which on an idle process takes up to a minute or two.
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
/** "Returns to its level": within 20 % of before. */
export const MEMORY_SLACK = 1.2;
export const SETTLE_MS = 180_000;

export type Phase = {
  requestsPerSecond: number;
  total: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
};

export type LoadResult = Phase & {
  connections: number;
  seconds: number;
  warmup: (Phase & { seconds: number }) | null;
  corePercent: number[];
  serverCores: number;
  // This process's CPU in the run (autocannon's, on the same cores).
  clientCores: number;
  // The machine's 1-minute load average at the end of the run (others' work included).
  loadAverage: number;
  // `settledSeconds`: how long after the load the RSS was back within MEMORY_SLACK of before
  // (null: not within SETTLE_MS; `after` is then the last reading).
  rss: { before: number; peak: number; after: number; settledSeconds: number | null };
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

/** One autocannon run of the mix, as a phase of the report, and how long it took in seconds. */
async function hammer(session: Session, connections: number, seconds: number) {
  const started = performance.now();
  const result: AutocannonResult = await autocannon({
    url: session.origin,
    connections,
    duration: seconds,
    headers: { cookie: session.cookie, accept: 'text/html', 'accept-encoding': 'gzip' },
    requests: LOAD_MIX.map((path) => ({ method: 'GET', path })),
  });
  const elapsed = (performance.now() - started) / 1000;
  const phase: Phase = {
    requestsPerSecond: result.requests.total / elapsed,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
  return { phase, elapsed };
}

/** The measured run: its phase and the CPU it took, per core, by the server and by autocannon. */
async function measuredRun(session: Session, pid: number, connections: number, seconds: number) {
  const cpuStart = cpuTimes();
  const serverStart = treeCpuSeconds(pid);
  const clientStart = process.cpuUsage();
  const { phase, elapsed } = await hammer(session, connections, seconds);
  const cpuEnd = cpuTimes();
  const client = process.cpuUsage(clientStart);
  return {
    ...phase,
    corePercent: cpuEnd.map(
      (end, i) => (100 * (end.busy - cpuStart[i].busy)) / Math.max(1, end.total - cpuStart[i].total),
    ),
    serverCores: (treeCpuSeconds(pid) - serverStart) / elapsed,
    clientCores: (client.user + client.system) / 1e6 / elapsed,
    loadAverage: os.loadavg()[0],
  };
}

/** `run`, with the server's RSS sampled every 250 ms meanwhile: its result and the peak seen. */
async function withPeakRss<T>(pid: number, start: number, run: () => Promise<T>) {
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss(pid))), 250);
  try {
    const value = await run();
    return { value, peak: Math.max(peak, treeRss(pid)) };
  } finally {
    clearInterval(sampler);
  }
}

/** Waits until the RSS is back within MEMORY_SLACK of `before`, or SETTLE_MS have passed. */
async function settle(pid: number, before: number): Promise<{ after: number; settledSeconds: number | null }> {
  const started = performance.now();
  for (;;) {
    const after = treeRss(pid);
    const seconds = (performance.now() - started) / 1000;
    if (after <= MEMORY_SLACK * before) return { after, settledSeconds: seconds };
    if (seconds * 1000 >= SETTLE_MS) return { after, settledSeconds: null };
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function runLoad(
  session: Session,
  pid: number,
  connections: number,
  seconds: number,
  warmSeconds: number,
): Promise<LoadResult> {
  const before = treeRss(pid);
  const { value, peak } = await withPeakRss(pid, before, async () => {
    const warmup =
      warmSeconds > 0 ? { seconds: warmSeconds, ...(await hammer(session, connections, warmSeconds)).phase } : null;
    return { warmup, measured: await measuredRun(session, pid, connections, seconds) };
  });
  return {
    connections,
    seconds,
    warmup: value.warmup,
    ...value.measured,
    rss: { before, peak, ...(await settle(pid, before)) },
  };
}
