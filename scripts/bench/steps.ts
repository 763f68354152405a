import fs from 'node:fs/promises';
import path from 'node:path';
import { digestFile } from '../../lib/storage/index';
import { changeStripes, type StripeKind } from './disk';
import { dropCaches, lifeboat, restic, type ResticRun } from './measure';

// The timed rows of `npm run bench`. Each step prepares untimed, then times lifeboat and restic on
// the same data with cold caches, lifeboat first. To add a row (the backups issue's "incremental
// backup", which uses the same chunk store under the backup root), append a BenchStep to `steps`:
// it gets the shared context and returns its timings.

export type BenchContext = {
  projectRoot: string;
  dir: string;
  disk: string;
  kinds: StripeKind[];
  store: string;
  repo: string | null;
  resticEnv: Record<string, string>;
  /** Manifest ids captured so far, oldest first. */
  manifests: string[];
  notes: string[];
};

export type Timing = { seconds: number; cpuSeconds: number | null; maxRssBytes: number | null };
export type StepResult = { lifeboat: Timing; restic: Timing | null };

export type BenchStep = {
  name: string;
  /** Lifeboat time must be at most this fraction of restic's. */
  maxRatio: number;
  run: (ctx: BenchContext) => Promise<StepResult>;
};

async function timedCapture(ctx: BenchContext, id: string, resticArgs: string[]): Promise<StepResult> {
  await dropCaches();
  const ours = await lifeboat(ctx.projectRoot, ['capture', ctx.store, ctx.disk, id]);
  ctx.manifests.push(id);
  ctx.notes.push(`${id}: ${(Number(ours.newBytes) / 1e6).toFixed(1)} MB new of ${(Number(ours.storedBytes) / 1e6).toFixed(1)} MB stored`);
  let theirs: ResticRun | null = null;
  if (ctx.repo) {
    await dropCaches();
    theirs = await restic(['--repo', ctx.repo, ...resticArgs], ctx.resticEnv);
  }
  return { lifeboat: ours, restic: theirs };
}

/**
 * The backup service's incremental backup after another 10 % change. Backups use the same chunk
 * store code under their own root; here it shares the bench store so stored bytes stay
 * comparable with restic's repository (three snapshots each).
 */
async function timedIncrementalBackup(ctx: BenchContext): Promise<StepResult> {
  // Other stripes, with new content: a change the previous captures have not seen.
  const changed = await changeStripes(ctx.disk, ctx.kinds, 0.1, 3, 2);
  ctx.notes.push(`incremental backup: ${changed.length} data stripes rewritten since the last capture`);
  return timedCapture(ctx, 'backup-3', ['backup', '--quiet', ctx.disk]);
}

async function findFile(dir: string): Promise<string> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const file = entries.find((e) => e.isFile());
  if (!file) throw new Error(`restic restored nothing under ${dir}`);
  return path.join(file.parentPath, file.name);
}

/** Restores the latest capture both ways and checks both results against the disk. lifeboat's
 *  default restore is durable (O_DIRECT, fsync before the rename); restic's restore leaves its
 *  writes in the page cache, so the page-cache mode is the like-for-like comparison. */
async function timedRestore(ctx: BenchContext, mode: 'durable' | 'page-cache'): Promise<StepResult> {
  const id = ctx.manifests.at(-1)!;
  const expected = await digestFile(ctx.disk);
  const target = path.join(ctx.dir, 'lifeboat-restore', 'disk.img');
  await dropCaches();
  const ours = await lifeboat(ctx.projectRoot, ['restore', ctx.store, id, target, mode]);
  const ok = (await digestFile(target)) === expected;
  const { blocks } = await fs.stat(target);
  ctx.notes.push(`lifeboat restore (${mode}): digest ${ok ? 'matches' : 'DIFFERS'}, ${((blocks * 512) / 1e6).toFixed(0)} MB allocated (holes kept)`);
  await fs.rm(target);
  let theirs: ResticRun | null = null;
  if (ctx.repo) {
    const out = path.join(ctx.dir, 'restic-restore');
    await dropCaches();
    theirs = await restic(['--repo', ctx.repo, 'restore', 'latest', '--quiet', '--target', out], ctx.resticEnv);
    const file = await findFile(out);
    const { blocks: theirBlocks } = await fs.stat(file);
    if (mode === 'durable') ctx.notes.push(`restic restore: digest ${(await digestFile(file)) === expected ? 'matches' : 'DIFFERS'}, ${((theirBlocks * 512) / 1e6).toFixed(0)} MB allocated`);
    await fs.rm(out, { recursive: true });
  }
  return { lifeboat: ours, restic: theirs };
}

export const steps: BenchStep[] = [
  {
    name: 'capture',
    maxRatio: 0.5,
    run: (ctx) => timedCapture(ctx, 'bench-1', ['backup', '--quiet', ctx.disk]),
  },
  {
    name: 're-capture (10% changed)',
    maxRatio: 0.5,
    run: async (ctx) => {
      const changed = await changeStripes(ctx.disk, ctx.kinds, 0.1);
      ctx.notes.push(`re-capture: ${changed.length} of ${ctx.kinds.filter((k) => k !== 'hole').length} data stripes rewritten`);
      return timedCapture(ctx, 'bench-2', ['backup', '--quiet', ctx.disk]);
    },
  },
  {
    name: 'restore (durable, the default)',
    maxRatio: 1,
    run: (ctx) => timedRestore(ctx, 'durable'),
  },
  {
    name: 'restore (page cache, as restic)',
    maxRatio: 1,
    run: (ctx) => timedRestore(ctx, 'page-cache'),
  },
  {
    name: 'incremental backup (10% changed)',
    maxRatio: 0.5,
    run: timedIncrementalBackup,
  },
];
