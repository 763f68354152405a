import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { readRanges, type Range } from './large-plan';
import { allocatedBytes, dropCaches, lifeboat, timedCommand, type ResticRun } from './measure';

// The tools of the large rows, each with its capture (into its own place under the run's folder)
// and its restore (to a new file), and the machine's own limit. Settings:
// - Lifeboat: a plain folder store, zstd level 1, 4 MiB chunks;
// - partclone.ext4 -c (used blocks only) piped to `zstd -1 -T2`, as Clonezilla compresses its
//   images; restored with `zstd -d | partclone.ext4 -r` onto a sparse file of the disk's size;
// - restic 0.14, a local repository (format 2, compression "auto": zstd's fastest level; always
//   encrypted); restored with `restic dump | dd conv=sparse`, because restic 0.14 has no sparse
//   restore and would write all 160 GiB (more than the host has free);
// - borg 1.2, a local repository without encryption, its default compression (lz4), the fixed
//   4 MiB chunker and --sparse (skips holes when reading), which borg recommends for disk images;
//   restored with `borg extract --sparse`.

const run = promisify(execFile);

export type Tool = {
  label: string;
  capture(id: string): Promise<ResticRun & { storedBytes: number }>;
  restore(target: string): Promise<ResticRun>;
  /** Deletes what the tool stored. */
  remove(): Promise<void>;
};

const cold = async <T>(fn: () => Promise<T>) => {
  await dropCaches();
  return fn();
};

export async function toolVersions(): Promise<Record<string, string | null>> {
  const version = async (cmd: string, args: string[], pick: (out: string) => string) => {
    try {
      const { stdout, stderr } = await run(cmd, args);
      return pick(stdout + stderr);
    } catch {
      return null;
    }
  };
  return {
    partclone: await version('partclone.ext4', ['-v'], (o) => /v[\d.]+/.exec(o)?.[0] ?? '?'),
    restic: await version('restic', ['version'], (o) => o.split(' ')[1]),
    borg: await version('borg', ['--version'], (o) => o.trim().split(' ')[1]),
    zstd: await version('zstd', ['--version'], (o) => /v[\d.]+/.exec(o)?.[0] ?? '?'),
    debugfs: await version('debugfs', ['-V'], (o) => /[\d.]+/.exec(o)?.[0] ?? '?'),
  };
}

export function lifeboatTool(
  projectRoot: string,
  dir: string,
  disk: string,
): Tool & { restorePageCache(target: string): Promise<ResticRun> } {
  const store = path.join(dir, 'lifeboat-store');
  let last = '';
  const restore = (target: string, mode: string) =>
    cold(() => lifeboat(projectRoot, ['restore', store, last, target, mode]));
  return {
    label: 'Lifeboat',
    capture: async (id) => {
      const t = await cold(() => lifeboat(projectRoot, ['capture', store, disk, id]));
      last = id;
      return { ...t, storedBytes: await allocatedBytes(store) };
    },
    restore: (target) => restore(target, 'durable'),
    // Through the page cache, as restic writes.
    restorePageCache: (target) => restore(target, 'page-cache'),
    remove: () => fs.rm(store, { recursive: true, force: true }),
  };
}

export function partcloneTool(dir: string, disk: string, sizeBytes: number): Tool {
  const image = path.join(dir, 'partclone.img.zst');
  const log = path.join(dir, 'partclone.log');
  const bash = (script: string, ...args: string[]) =>
    cold(() => timedCommand('bash', ['-c', `set -o pipefail; ${script}`, 'bash', ...args]));
  return {
    label: 'partclone | zstd -1',
    capture: async () => {
      await fs.rm(image, { force: true });
      const t = await bash('partclone.ext4 -c -q -L "$3" -s "$1" -o - | zstd -1 -T2 -q -c > "$2"', disk, image, log);
      return { ...t, storedBytes: (await fs.stat(image)).size };
    },
    restore: (target) =>
      bash(
        'truncate -s "$4" "$2" && zstd -d -q -c "$1" | partclone.ext4 -r -q -L "$3" -s - -O "$2"',
        image,
        target,
        log,
        String(sizeBytes),
      ),
    remove: () => fs.rm(image, { force: true }),
  };
}

export async function resticTool(dir: string, disk: string): Promise<Tool> {
  const repo = path.join(dir, 'restic-repo');
  const env = { RESTIC_PASSWORD: 'lifeboat-bench', RESTIC_CACHE_DIR: path.join(dir, 'restic-cache') };
  await timedCommand('restic', ['init', '--quiet', '--repo', repo], { env });
  return {
    label: 'restic',
    capture: async () => {
      const t = await cold(() => timedCommand('restic', ['--repo', repo, 'backup', '--quiet', disk], { env }));
      return { ...t, storedBytes: await allocatedBytes(repo) };
    },
    restore: (target) =>
      cold(() =>
        timedCommand(
          'bash',
          [
            '-c',
            'set -o pipefail; restic --repo "$1" dump --quiet latest "$2" | dd of="$3" bs=4M conv=sparse iflag=fullblock status=none',
            'bash',
            repo,
            disk,
            target,
          ],
          { env },
        ),
      ),
    remove: async () => {
      await fs.rm(repo, { recursive: true, force: true });
      await fs.rm(env.RESTIC_CACHE_DIR, { recursive: true, force: true });
    },
  };
}

export async function borgTool(dir: string, disk: string): Promise<Tool> {
  const repo = path.join(dir, 'borg-repo');
  const env = {
    BORG_BASE_DIR: path.join(dir, 'borg-home'),
    BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK: 'yes',
    BORG_RELOCATED_REPO_ACCESS_IS_OK: 'yes',
  };
  await timedCommand('borg', ['init', '--encryption', 'none', repo], { env });
  let last = '';
  return {
    label: 'borg',
    capture: async (id) => {
      // From the disk's folder, so the archive holds the bare file name.
      const args = ['create', '--chunker-params', 'fixed,4194304', '--sparse', `${repo}::${id}`, path.basename(disk)];
      const t = await cold(() => timedCommand('borg', args, { env, cwd: path.dirname(disk) }));
      last = id;
      return { ...t, storedBytes: await allocatedBytes(repo) };
    },
    restore: async (target) => {
      // borg extracts under the working directory by the archived name: a folder of its own, so
      // that it never replaces the disk itself.
      const into = path.join(dir, 'borg-extract');
      await fs.mkdir(into, { recursive: true });
      const t = await cold(() => timedCommand('borg', ['extract', '--sparse', `${repo}::${last}`], { env, cwd: into }));
      await fs.rename(path.join(into, path.basename(disk)), target);
      await fs.rm(into, { recursive: true });
      return t;
    },
    remove: async () => {
      await fs.rm(repo, { recursive: true, force: true });
      await fs.rm(env.BORG_BASE_DIR, { recursive: true, force: true });
    },
  };
}

/**
 * The machine's own limit: the time to read the used data (cold) and compress it with
 * `zstd -1 -T2`, output thrown away. No tool that reads and compresses those bytes can be faster
 * on this machine; every figure is also shown as a multiple of it.
 */
export async function machineLimit(dir: string, disk: string, ranges: readonly Range[]): Promise<ResticRun> {
  const timeFile = path.join(dir, 'zstd-time.txt');
  await dropCaches();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const zstd = spawn('/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, 'zstd', '-1', '-T2', '-q', '-c'], {
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  const exited = once(zstd, 'exit');
  await readRanges(disk, ranges, async (piece) => {
    if (!zstd.stdin.write(piece)) await once(zstd.stdin, 'drain');
  });
  zstd.stdin.end();
  const [code] = (await exited) as [number | null];
  if (code !== 0) throw new Error(`zstd exited ${code}`);
  const seconds = (performance.now() - started) / 1000;
  const reading = process.cpuUsage(cpu);
  const [user, sys, rssKb] = (await fs.readFile(timeFile, 'utf8')).trim().split(' ').map(Number);
  await fs.rm(timeFile);
  return { seconds, cpuSeconds: (reading.user + reading.system) / 1e6 + user + sys, maxRssBytes: rssKb * 1024 };
}
