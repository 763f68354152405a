import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { changeLargeDisk, largeSizes, makeLargeDisk, type LargeMix } from './large-disk';
import { readPlanFor } from '../../lib/disks/read-plan';
import { rangesBytes } from '../../lib/disks/ranges';
import { planOf, usedDigest, type Plan } from './large-plan';
import { printLargeReport, type LargeRow } from './large-report';
import {
  borgTool,
  lifeboatTool,
  machineLimit,
  partcloneTool,
  resticTool,
  toolVersions,
  type Tool,
} from './large-tools';
import type { ResticRun } from './measure';

// The large rows of `npm run bench`: the 160 GiB ext4 disk with 6 GiB of files (large-disk.ts),
// captured, re-captured after a 10 % change and restored by Lifeboat, partclone, restic and borg
// in turn, each with a cold page cache, beside the machine's own limit. Every restore is checked
// (e2fsck -fn, and its used blocks against the disk's) and deleted at once; each tool's store is
// deleted after its restore, so the host holds at most the disk, four stores and one restore.

const run = promisify(execFile);
const GiB = 2 ** 30;
/** The host disk the large rows need free before they start (the disk, four stores, a restore). */
export const LARGE_FREE_BYTES = 35 * GiB;
const NEEDED = ['partclone.ext4', 'restic', 'borg', 'zstd', 'debugfs', 'dumpe2fs', 'e2fsck', 'mkfs.ext4', 'tar'];

/** Why the large rows cannot run here (a missing tool, too little free disk), or null. */
export async function largeUnavailable(base: string): Promise<string | null> {
  const missing: string[] = [];
  for (const cmd of NEEDED) await run('bash', ['-c', `command -v ${cmd}`]).catch(() => missing.push(cmd));
  if (missing.length)
    return `${missing.join(', ')} not installed (apt-get install -y partclone borgbackup restic zstd e2fsprogs)`;
  const { bavail, bsize } = await fs.statfs(base);
  if (bavail * bsize < LARGE_FREE_BYTES)
    return `${((bavail * bsize) / GiB).toFixed(0)} GiB free under ${base}, ${LARGE_FREE_BYTES / GiB} GiB needed`;
  return null;
}

type Checked = { label: string; ok: boolean; allocated: number; why: string };

async function checkRestore(label: string, target: string, expected: string, plan: Plan, sizeBytes: number) {
  const fsck = await run('e2fsck', ['-fn', target]).then(
    () => '',
    (error: { stdout?: string }) => `e2fsck -fn: ${(error.stdout ?? '').trim().split('\n').at(-1)}`,
  );
  const { size, blocks } = await fs.stat(target);
  const problems = [
    fsck,
    size === sizeBytes ? '' : `size ${size}`,
    (await usedDigest(target, plan.ranges)) === expected ? '' : 'used blocks differ',
  ].filter(Boolean);
  return { label, ok: problems.length === 0, allocated: blocks * 512, why: problems.join('; ') } satisfies Checked;
}

export async function runLarge(projectRoot: string, base: string, scale = 1): Promise<void> {
  const sizes = largeSizes(scale);
  const dir = path.join(base, 'large');
  await fs.mkdir(dir, { recursive: true });
  const disk = path.join(dir, 'disk.img');
  const versions = await toolVersions();
  console.error(
    `large rows: making the ${(sizes.sizeBytes / GiB).toFixed(0)} GiB ext4 disk and its files (a few minutes)…`,
  );
  const mix: LargeMix = await makeLargeDisk(disk, path.join(dir, 'staged'), sizes);
  const notes: string[] = [];
  const rows: LargeRow[] = [];
  const load: number[] = [];
  const timed = async (operation: string, tool: string, fn: () => Promise<ResticRun & { storedBytes?: number }>) => {
    console.error(`large rows: ${operation}, ${tool}…`);
    load.push(os.loadavg()[0]);
    const t = await fn();
    rows.push({ operation, tool, timing: t, bytes: t.storedBytes ?? null });
    return t;
  };

  let plan = await planOf(disk);
  notes.push(
    `disk: ${(mix.tarBytes / GiB).toFixed(2)} GiB tarball of /usr (in parts), ${(mix.randomBytes / GiB).toFixed(2)} GiB random files, ${(mix.zeroBytes / GiB).toFixed(2)} GiB written zeros; the filesystem's used blocks ${(plan.usedBytes / GiB).toFixed(2)} GiB (metadata included: inode tables and journal, never written, are holes on the host)`,
  );
  const lifeboat = lifeboatTool(projectRoot, dir, disk);
  const tools: Tool[] = [
    lifeboat,
    partcloneTool(dir, disk, sizes.sizeBytes),
    await resticTool(dir, disk),
    await borgTool(dir, disk),
  ];
  const limit = 'machine limit';
  // The limit reads what the capture must: the read plan (used blocks the host holds).
  let read = await readPlanFor(disk);
  await timed('capture', limit, () => machineLimit(dir, disk, read.ranges));
  for (const tool of tools) await timed('capture', tool.label, () => tool.capture('large-1'));

  const changed = await changeLargeDisk(disk, path.join(dir, 'staged'), sizes);
  plan = await planOf(disk);
  notes.push(
    `re-capture: ${(changed / 2 ** 20).toFixed(0)} MiB of files rewritten with debugfs (six random files replaced by new ones, one tarball part with 1000 bytes inserted at its start)`,
  );
  const recapture = 're-capture (10% changed)';
  read = await readPlanFor(disk);
  await timed(recapture, limit, () => machineLimit(dir, disk, read.ranges));
  for (const tool of tools) await timed(recapture, tool.label, () => tool.capture('large-2'));

  const readBytes = rangesBytes(read.ranges);
  // Restores are checked on every used block, those in host holes too (the stricter comparison).
  const expected = await usedDigest(disk, plan.ranges);
  const checked: Checked[] = [];
  const target = path.join(dir, 'restored.img');
  const restore = async (operation: string, label: string, fn: (target: string) => Promise<ResticRun>) => {
    await fs.rm(target, { force: true });
    await timed(operation, label, () => fn(target));
    checked.push(
      await checkRestore(
        label === 'Lifeboat' ? `Lifeboat ${operation.includes('page') ? 'page cache' : 'durable'}` : label,
        target,
        expected,
        plan,
        sizes.sizeBytes,
      ),
    );
    await fs.rm(target, { force: true });
  };
  await restore('restore (durable, the default)', 'Lifeboat', lifeboat.restore);
  await restore('restore (page cache, as restic)', 'Lifeboat', lifeboat.restorePageCache);
  await lifeboat.remove();
  for (const tool of tools.slice(1)) {
    await restore('restore', tool.label, tool.restore);
    await tool.remove();
  }
  const bad = checked.filter((c) => !c.ok);
  notes.push(
    `restores: ${bad.length ? `WRONG: ${bad.map((c) => `${c.label} (${c.why})`).join(', ')}` : 'every one passes e2fsck -fn and its used blocks equal the disk’s'}; MB allocated on the host: ${checked.map((c) => `${c.label} ${(c.allocated / 1e6).toFixed(0)}`).join(', ')}`,
  );
  const sorted = [...load].sort((a, b) => a - b);
  notes.push(
    `the machine is shared: 1-minute load average before the timed operations from ${sorted[0].toFixed(1)} to ${sorted.at(-1)!.toFixed(1)} on ${os.availableParallelism()} cores`,
  );
  await fs.rm(dir, { recursive: true, force: true });
  printLargeReport({
    versions,
    readBytes,
    rows,
    notes,
    usedBytes: plan.usedBytes,
    sizeBytes: sizes.sizeBytes,
    fileBytes: mix.tarBytes + mix.randomBytes + mix.zeroBytes,
  });
}
