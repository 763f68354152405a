// `npm run bench`: the chunk store against restic on a deterministic 1 GiB disk (issue 3, item 6).
//   npm run bench -- [--size-gib N] [--runs N] [--keep]
// Generates the disk in a temporary directory, times capture, re-capture after 10 % of the data
// stripes change, and restore, each with a cold page cache, then the same with restic (when
// installed) on the same disk, and prints one table. A report, not a test: it exits 0 even when a
// target is missed, and says which. With --runs N the whole sequence runs N times on fresh stores
// and the table shows medians (these machines are shared; single runs are noisy).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STRIPE, stripeLayout, writeBenchDisk } from './bench/disk';
import { allocatedBytes, dropCaches, restic, resticVersion } from './bench/measure';
import { printReport, type Row } from './bench/report';
import { steps, type BenchContext, type StepResult } from './bench/steps';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const sizeBytes = Math.round(arg('--size-gib', 1) * 1024 ** 3);
const runs = Math.max(1, arg('--runs', 1));
const keep = process.argv.includes('--keep');
const MAX_RSS = 300 * 1024 * 1024;
const MAX_STORED_RATIO = 1.05;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function oneRun(dir: string, withRestic: boolean): Promise<{ results: StepResult[]; stored: [number, number | null]; notes: string[] }> {
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const disk = path.join(dir, 'disk.img');
  console.error(`generating the ${(sizeBytes / 1024 ** 3).toFixed(2)} GiB disk…`);
  const kinds = await writeBenchDisk(disk, sizeBytes);
  const ctx: BenchContext = {
    projectRoot,
    dir,
    disk,
    kinds,
    store: path.join(dir, 'lifeboat-store'),
    repo: withRestic ? path.join(dir, 'restic-repo') : null,
    resticEnv: { RESTIC_PASSWORD: 'lifeboat-bench', RESTIC_CACHE_DIR: path.join(dir, 'restic-cache') },
    manifests: [],
    notes: [],
  };
  if (ctx.repo) await restic(['init', '--quiet', '--repo', ctx.repo], ctx.resticEnv);
  const results: StepResult[] = [];
  for (const step of steps) {
    console.error(`${step.name}…`);
    results.push(await step.run(ctx));
  }
  const stored: [number, number | null] = [await allocatedBytes(ctx.store), ctx.repo ? await allocatedBytes(ctx.repo) : null];
  return { results, stored, notes: ctx.notes };
}

async function main() {
  const version = await resticVersion();
  const withRestic = version !== null;
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'lifeboat-bench-'));
  const counts = { random: 0, text: 0, hole: 0 };
  const dropped = await dropCaches();
  try {
    const all: Awaited<ReturnType<typeof oneRun>>[] = [];
    for (let r = 0; r < runs; r++) {
      if (runs > 1) console.error(`run ${r + 1} of ${runs}…`);
      all.push(await oneRun(path.join(base, 'run'), withRestic));
    }
    for (const k of stripeLayout(Math.ceil(sizeBytes / STRIPE))) counts[k]++;
    const rows: Row[] = steps.map((step, i) => {
      const ours = all.map((a) => a.results[i].lifeboat);
      const theirs = withRestic ? all.map((a) => a.results[i].restic!) : null;
      return {
        name: step.name,
        lifeboat: median(ours.map((t) => t.seconds)),
        restic: theirs && median(theirs.map((t) => t.seconds)),
        lifeboatCpu: median(ours.map((t) => t.cpuSeconds ?? NaN)),
        resticCpu: theirs && median(theirs.map((t) => t.cpuSeconds ?? NaN)),
        maxRatio: step.maxRatio,
      };
    });
    const stored: [number, number | null] = [median(all.map((a) => a.stored[0])), withRestic ? median(all.map((a) => a.stored[1]!)) : null];
    const peak = (side: 'lifeboat' | 'restic') => Math.max(0, ...all.flatMap((a) => a.results.map((r) => r[side]?.maxRssBytes ?? 0)));
    printReport({
      title: `Lifeboat chunk store vs ${version ?? '(restic not installed)'}: ${(sizeBytes / 1024 ** 3).toFixed(2)} GiB disk, 4 MiB stripes ${counts.random} random / ${counts.text} text / ${counts.hole} holes, ${os.availableParallelism()} cores, ${runs > 1 ? `median of ${runs} runs` : '1 run'}, page cache ${dropped ? 'dropped before each timed step' : 'NOT dropped (not permitted)'}`,
      rows,
      stored,
      maxStoredRatio: MAX_STORED_RATIO,
      rss: peak('lifeboat'),
      resticRss: withRestic ? peak('restic') : null,
      maxRss: MAX_RSS,
      notes: all[0].notes,
    });
  } finally {
    if (keep) console.log(`kept ${base}`);
    else await fs.rm(base, { recursive: true, force: true });
  }
}

await main();
