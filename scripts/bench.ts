// `npm run bench`: the chunk store against restic on a deterministic 1 GiB disk, folder
// and S3 stores, plain and encrypted; then the large-disk rows (scripts/bench/large.ts): a 160 GiB
// ext4 disk holding 6 GiB beside partclone, restic and borg and the machine's own limit.
//   npm run bench -- [--size-gib N] [--runs N] [--keep] [--large-only | --skip-large]
//   npm run bench -- web [...]   the web dashboard instead (scripts/bench/web/index.ts)
// Generates the disk in a temporary directory, times capture, re-capture after 10 % of the data
// stripes change, restore and an incremental backup, each with a cold page cache, into four
// Lifeboat stores (a folder and S3 on the loopback Swift, each plain and encrypted), then the same
// with restic (when installed) on a folder and on the same Swift, and prints one table. Without
// Swift the S3 rows are left out, with a line that says why. A report, not a test: it exits 0 even
// when a target is missed, and says which. With --runs N the whole sequence runs N times on fresh
// stores and the table shows medians (these machines are shared; single runs are noisy).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STRIPE, stripeLayout, writeBenchDisk } from './bench/disk';
import { ensureSwift } from './swift/start.mjs';
import { dropCaches, restic, resticVersion, SwiftTroubleError } from './bench/measure';
import { largeUnavailable, runLarge } from './bench/large';
import { printReport } from './bench/report';
import { steps, type BenchContext, type RunResult, type StepResult } from './bench/steps';
import {
  benchRepos,
  benchStores,
  clearPrefix,
  errorLine,
  openS3Bench,
  storedBytes,
  type S3Bench,
} from './bench/stores';
import { summarise, targets } from './bench/summary';
import { runWebBench } from './bench/web/index';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `npm run bench -- web` (or --web) runs the web benchmark instead of the store rows.
const web = process.argv[2] === 'web' || process.argv.includes('--web');
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const sizeBytes = Math.round(arg('--size-gib', 1) * 1024 ** 3);
const runs = Math.max(1, arg('--runs', 1));
const keep = process.argv.includes('--keep');
// The large-disk rows (scripts/bench/large.ts) run after the 1 GiB rows, or alone, or not at all.
const largeOnly = process.argv.includes('--large-only');
const skipLarge = process.argv.includes('--skip-large');
const MAX_RSS = 300 * 1024 * 1024;

async function oneRun(
  dir: string,
  prefix: string,
  reverse: boolean,
  lastAttempt: boolean,
  s3: S3Bench | null,
  withRestic: boolean,
  notes: string[],
): Promise<RunResult> {
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const disk = path.join(dir, 'disk.img');
  console.error(`generating the ${(sizeBytes / 1024 ** 3).toFixed(2)} GiB disk…`);
  const kinds = await writeBenchDisk(disk, sizeBytes);
  // Every other run takes the stores and repositories in reverse order, so that no store always
  // follows the same one (a capture leaves Swift and the disk busy for a moment after it ends).
  const order = <T>(xs: T[]) => (reverse ? xs.reverse() : xs);
  const ctx: BenchContext = {
    projectRoot,
    dir,
    disk,
    kinds,
    stores: order(benchStores(dir, s3, prefix)),
    repos: order(benchRepos(dir, s3, prefix, withRestic)),
    manifests: [],
    notes: [],
    load: [],
  };
  for (const repo of [...ctx.repos]) {
    try {
      await restic(['init', '--quiet', ...repo.args], repo.env);
    } catch (error) {
      if (repo.kind === 'folder') throw error;
      if (!lastAttempt) throw new SwiftTroubleError(`restic init on S3 failed: ${errorLine(error)}`);
      // restic on S3 is the peer where it can be made to work: the table says why it is not.
      notes.push(`restic S3 left out: restic init failed: ${errorLine(error)}`);
      ctx.repos = ctx.repos.filter((r) => r !== repo);
      s3!.restic = null;
    }
  }
  try {
    const results: StepResult[] = [];
    for (const step of steps) {
      console.error(`${step.name}…`);
      results.push(await step.run(ctx));
    }
    const stored: Record<string, number> = {};
    for (const store of ctx.stores) stored[store.label] = await storedBytes(s3, store.kind, store.where);
    for (const repo of ctx.repos) stored[repo.label] = await storedBytes(s3, repo.kind, repo.args[1]);
    return { results, stored, notes: ctx.notes, load: ctx.load };
  } finally {
    // Swift may be down here (see runSurvivingSwiftTrouble): the bucket is emptied at the end anyway.
    if (s3) await clearPrefix(s3.objects(prefix)).catch(() => {});
  }
}

const MAX_ATTEMPTS = 3;

/**
 * One run, again from the start if an S3 row failed or Swift restarted meanwhile: Swift is
 * shared, other users' tests stop and start it (lib/storage/shared-store.int.test.ts does, on
 * purpose), and under their load it answers 503. Such a run's numbers are void.
 */
async function runSurvivingSwiftTrouble(
  dir: string,
  run: number,
  s3: S3Bench | null,
  withRestic: boolean,
  notes: string[],
): Promise<RunResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await oneRun(
        dir,
        `run-${run}-${attempt}/`,
        run % 2 === 0,
        attempt === MAX_ATTEMPTS,
        s3,
        withRestic,
        notes,
      );
    } catch (error) {
      if (!(error instanceof SwiftTroubleError) || attempt >= MAX_ATTEMPTS) throw error;
      const line = `run ${run}, attempt ${attempt} was void (${error.message}); the run was started again`;
      console.error(`${line}…`);
      notes.push(line);
      await ensureSwift({ quiet: true });
    }
  }
}

async function openS3(base: string, withRestic: boolean): Promise<{ s3: S3Bench | null; why: string | null }> {
  try {
    return { s3: await openS3Bench(base, withRestic), why: null };
  } catch (error) {
    const why = `Swift (S3 on 127.0.0.1:8080) could not be used: ${errorLine(error)}`;
    console.error(
      `${why}\nThe S3 rows are left out; the folder rows still run. Install Swift with \`bash scripts/swift/setup.sh\` (as root).`,
    );
    return { s3: null, why };
  }
}

function loadNote(load: number[]): string {
  const sorted = [...load].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  return `the machine is shared: 1-minute load average before the timed operations ${median.toFixed(1)} (median; from ${sorted[0].toFixed(1)} to ${sorted.at(-1)!.toFixed(1)}) on ${os.availableParallelism()} cores`;
}

/** The 1 GiB rows: four Lifeboat stores beside restic. */
async function smallRows(base: string) {
  const version = await resticVersion();
  const withRestic = version !== null;
  const dropped = await dropCaches();
  const { s3, why } = await openS3(base, withRestic);
  try {
    const notes: string[] = [...(s3?.notes ?? [])];
    if (!withRestic) notes.push('restic is not installed (`apt-get install -y restic`): the restic columns are empty');
    const all: RunResult[] = [];
    for (let r = 0; r < runs; r++) {
      if (runs > 1) console.error(`run ${r + 1} of ${runs}…`);
      all.push(await runSurvivingSwiftTrouble(path.join(base, 'run'), r + 1, s3, withRestic, notes));
    }
    const counts = { random: 0, text: 0, hole: 0 };
    for (const k of stripeLayout(Math.ceil(sizeBytes / STRIPE))) counts[k]++;
    const { rows, stored } = summarise(steps, all);
    printReport({
      title: `Lifeboat chunk store vs ${version ?? '(restic not installed)'}: ${(sizeBytes / 1024 ** 3).toFixed(2)} GiB disk, 4 MiB stripes ${counts.random} random / ${counts.text} text / ${counts.hole} holes, ${os.availableParallelism()} cores, ${runs > 1 ? `median of ${runs} runs` : '1 run'}, page cache ${dropped ? 'dropped before each timed step' : 'NOT dropped (not permitted)'}`,
      rows,
      stored,
      maxRss: MAX_RSS,
      targets: targets(rows, MAX_RSS, why),
      legend: [
        'lifeboat: time and CPU of the operation inside its own process (start-up excluded, opening the store included); peak RSS of that process',
        'restic: wall time of the command (start-up and key derivation included), CPU and peak RSS from GNU time; restic always encrypts',
        '÷ restic: against restic on the same kind of store; compared: S3 against the folder row, encrypted against plain on the same store',
        why ??
          'S3: the loopback Swift (scripts/swift), one proxy and one object server process on the same cores; Swift CPU s: its servers’ CPU time during the row',
      ],
      notes: [...notes, loadNote(all.flatMap((a) => a.load)), ...all[0].notes],
    });
  } finally {
    await s3
      ?.close()
      .catch((error: unknown) => console.error(`could not remove the bucket ${s3.bucket}: ${errorLine(error)}`));
  }
}

async function main() {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'lifeboat-bench-'));
  try {
    if (!largeOnly) await smallRows(base);
    if (skipLarge) return;
    const why = await largeUnavailable(base);
    if (why) {
      console.log(`\nThe large-disk rows were not run: ${why}.`);
      if (largeOnly) process.exitCode = 1;
      return;
    }
    await runLarge(projectRoot, base, arg('--large-scale', 1));
  } finally {
    if (keep) console.log(`kept ${base}`);
    else await fs.rm(base, { recursive: true, force: true });
  }
}

await (web ? runWebBench(projectRoot, process.argv.slice(2)) : main());
