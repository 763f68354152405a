import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { digestFile } from '../../lib/storage/index';
import { changeStripes, type StripeKind } from './disk';
import { dropCaches, lifeboat, restic, withSwiftCpu } from './measure';
import type { BenchRepo, BenchStore } from './stores';
import { describeRequests, type RequestStats } from './traced-objects';

// The timed rows of `npm run bench`. Each step prepares untimed (changes stripes), then times
// every Lifeboat store and every restic repository on the same disk, each with a cold page cache,
// Lifeboat's first. To add a row, append a BenchStep to `steps`: it gets the shared context and
// returns its timings per store and per repository.

export type BenchContext = {
  projectRoot: string;
  dir: string;
  disk: string;
  kinds: StripeKind[];
  stores: BenchStore[];
  repos: BenchRepo[];
  /** Manifest ids captured so far, oldest first (the same in every store). */
  manifests: string[];
  notes: string[];
  /** The 1-minute load average before each timed operation (the machine is shared). */
  load: number[];
};

export type Timing = {
  seconds: number;
  cpuSeconds: number | null;
  maxRssBytes: number | null;
  /** Swift's CPU seconds while the row ran (null when Swift is not there), and per server. */
  serverCpuSeconds: number | null;
  serverCpu?: Record<string, number>;
  /** The TLS front's CPU seconds (restic on S3 through it). */
  frontCpuSeconds?: number | null;
  requests?: RequestStats;
};
/** Timings by store label and by repository label. */
export type StepResult = { lifeboat: Record<string, Timing>; restic: Record<string, Timing> };
/** One run of every step: its timings, stored bytes by store and repository label, its notes. */
export type RunResult = { results: StepResult[]; stored: Record<string, number>; notes: string[]; load: number[] };

export type BenchStep = {
  name: string;
  /** A capture: the S3 (≤ 1.5× folder) and encryption (≤ 1.15× plain) targets apply. */
  capture: boolean;
  /** The folder store's time must be at most this fraction of restic's on a folder. */
  maxRatio: number;
  run: (ctx: BenchContext) => Promise<StepResult>;
};

const MB = (n: unknown) => (Number(n) / 1e6).toFixed(1);

async function timedLifeboat(ctx: BenchContext, store: BenchStore, args: string[]) {
  await dropCaches();
  ctx.load.push(os.loadavg()[0]);
  return withSwiftCpu(store.kind === 'S3', () => lifeboat(ctx.projectRoot, args, store.env));
}

async function timedRestic(ctx: BenchContext, repo: BenchRepo, args: string[]): Promise<Timing> {
  await dropCaches();
  ctx.load.push(os.loadavg()[0]);
  // The TLS front runs in this process, which otherwise only waits for restic.
  const cpu = process.cpuUsage();
  const run = await withSwiftCpu(repo.kind === 'S3', () => restic([...repo.args, ...args], repo.env));
  const used = process.cpuUsage(cpu);
  return { ...run, frontCpuSeconds: repo.viaFront ? (used.user + used.system) / 1e6 : null };
}

/** The requests an S3 row made, for the notes (one store only: the rest look alike). */
function noteRequests(ctx: BenchContext, step: string, store: BenchStore, t: Timing) {
  if (store.label !== 'S3' || !t.requests) return;
  const servers = Object.entries(t.serverCpu ?? {}).map(([name, seconds]) => `${name} ${seconds.toFixed(1)}`);
  const swift =
    t.serverCpuSeconds === null
      ? ''
      : `; CPU s: Lifeboat ${t.cpuSeconds?.toFixed(1)}, Swift ${t.serverCpuSeconds.toFixed(1)} (${servers.join(', ')})`;
  ctx.notes.push(`${step}, S3: ${describeRequests(t.requests, t.seconds)} in ${t.seconds.toFixed(2)} s${swift}`);
}

async function timedCapture(ctx: BenchContext, step: string, id: string, resticArgs: string[]): Promise<StepResult> {
  const result: StepResult = { lifeboat: {}, restic: {} };
  const sizes: string[] = [];
  for (const store of ctx.stores) {
    const ours = await timedLifeboat(ctx, store, ['capture', store.where, ctx.disk, id]);
    result.lifeboat[store.label] = ours;
    sizes.push(`${store.label} ${MB(ours.newBytes)}/${MB(ours.storedBytes)}`);
    noteRequests(ctx, step, store, ours);
  }
  ctx.manifests.push(id);
  ctx.notes.push(`${id}: MB new/stored: ${sizes.join(', ')}`);
  for (const repo of ctx.repos) result.restic[repo.label] = await timedRestic(ctx, repo, resticArgs);
  return result;
}

async function findFile(dir: string): Promise<string> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const file = entries.find((e) => e.isFile());
  if (!file) throw new Error(`restic restored nothing under ${dir}`);
  return path.join(file.parentPath, file.name);
}

/** Restores the latest capture from every store and repository and checks each result against
 *  the disk. lifeboat's default restore is durable (O_DIRECT, fsync before the rename); restic's
 *  leaves its writes in the page cache, so the page-cache mode is the like-for-like comparison. */
async function timedRestore(ctx: BenchContext, step: string, mode: 'durable' | 'page-cache'): Promise<StepResult> {
  const id = ctx.manifests.at(-1)!;
  const expected = await digestFile(ctx.disk);
  const result: StepResult = { lifeboat: {}, restic: {} };
  const bad: string[] = [];
  const allocated: string[] = [];
  const check = async (label: string, file: string) => {
    if ((await digestFile(file)) !== expected) bad.push(label);
    const { blocks } = await fs.stat(file);
    allocated.push(`${label} ${((blocks * 512) / 1e6).toFixed(0)}`);
  };
  for (const store of ctx.stores) {
    const target = path.join(ctx.dir, 'lifeboat-restore', 'disk.img');
    const ours = await timedLifeboat(ctx, store, ['restore', store.where, id, target, mode]);
    result.lifeboat[store.label] = ours;
    noteRequests(ctx, step, store, ours);
    await check(store.label, target);
    await fs.rm(target);
  }
  for (const repo of ctx.repos) {
    const out = path.join(ctx.dir, 'restic-restore');
    result.restic[repo.label] = await timedRestic(ctx, repo, ['restore', 'latest', '--quiet', '--target', out]);
    await check(repo.label, await findFile(out));
    await fs.rm(out, { recursive: true });
  }
  ctx.notes.push(
    `${step}: ${bad.length ? `digest DIFFERS for ${bad.join(', ')}` : 'every digest matches the disk'}; MB allocated: ${allocated.join(', ')}`,
  );
  return result;
}

export const steps: BenchStep[] = [
  {
    name: 'capture',
    capture: true,
    maxRatio: 0.5,
    run: (ctx) => timedCapture(ctx, 'capture', 'bench-1', ['backup', '--quiet', ctx.disk]),
  },
  {
    name: 're-capture (10% changed)',
    capture: true,
    maxRatio: 0.5,
    run: async (ctx) => {
      const changed = await changeStripes(ctx.disk, ctx.kinds, 0.1);
      ctx.notes.push(
        `re-capture: ${changed.length} of ${ctx.kinds.filter((k) => k !== 'hole').length} data stripes rewritten`,
      );
      return timedCapture(ctx, 're-capture', 'bench-2', ['backup', '--quiet', ctx.disk]);
    },
  },
  {
    name: 'restore (durable, the default)',
    capture: false,
    maxRatio: 1,
    run: (ctx) => timedRestore(ctx, 'restore (durable)', 'durable'),
  },
  {
    name: 'restore (page cache, as restic)',
    capture: false,
    maxRatio: 1,
    run: (ctx) => timedRestore(ctx, 'restore (page cache)', 'page-cache'),
  },
  {
    // The backup service's incremental backup after another 10 % change, with new content in
    // other stripes. Backups use the same chunk store code under their own root; here it shares
    // the bench stores so stored bytes stay comparable with restic's repositories (three
    // snapshots each).
    name: 'incremental backup (10% changed)',
    capture: true,
    maxRatio: 0.5,
    run: async (ctx) => {
      const changed = await changeStripes(ctx.disk, ctx.kinds, 0.1, 3, 2);
      ctx.notes.push(`incremental backup: ${changed.length} data stripes rewritten since the last capture`);
      return timedCapture(ctx, 'incremental backup', 'backup-3', ['backup', '--quiet', ctx.disk]);
    },
  },
];
