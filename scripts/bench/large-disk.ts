import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { prng, randomBytes } from '../../lib/disks/fill';

// The large benchmark disk: a 160 GiB sparse file with an ext4 filesystem holding 6 GiB of real
// files, written without mounting (mkfs.ext4, then debugfs): a tarball of /usr in 256 MiB parts
// (binaries, libraries, text: what a system disk holds), incompressible random files, and a
// file of zeros the guest wrote (fallocated, then its blocks zeroed on the host: used blocks that
// read as zeros, unlike holes). Files are staged in a temporary folder a batch at a time and
// deleted as soon as they are in the image, so the host holds little more than the image.

const run = promisify(execFile);
const MiB = 2 ** 20;
const GiB = 2 ** 30;
const BLOCK = 4096;
const RANDOM_FILES = 32;

/** The disk's sizes; `scale` below 1 makes a smaller one of the same shape (to try the rows out). */
export function largeSizes(scale = 1) {
  const blocks = (bytes: number) => Math.max(BLOCK, Math.round((bytes * scale) / BLOCK) * BLOCK);
  return {
    sizeBytes: blocks(160 * GiB),
    tarBytes: blocks(3 * GiB),
    tarPart: blocks(256 * MiB),
    randomFile: blocks(64 * MiB),
    zeroBytes: blocks(1 * GiB),
  };
}
export type LargeSizes = ReturnType<typeof largeSizes>;
export type LargeMix = { tarBytes: number; randomBytes: number; zeroBytes: number };

async function debugfs(disk: string, commands: string[], staged: string): Promise<void> {
  const file = path.join(staged, 'debugfs.cmd');
  await fs.writeFile(file, commands.join('\n') + '\n');
  // debugfs exits 0 even when a command fails; its complaints go to stderr after the banner.
  const { stderr } = await run('debugfs', ['-w', '-f', file, disk], { maxBuffer: 64 * MiB });
  const errors = stderr.split('\n').filter((l) => l.trim() && !l.startsWith('debugfs '));
  if (errors.length) throw new Error(`debugfs failed on ${disk}: ${errors.slice(0, 3).join('; ')}`);
}

/** Writes random files of `bytes` each, a batch of 8 staged at a time. */
async function writeRandomFiles(
  disk: string,
  staged: string,
  names: string[],
  seed: number,
  bytes: number,
): Promise<void> {
  for (let i = 0; i < names.length; i += 8) {
    const batch = names.slice(i, i + 8);
    const commands: string[] = [];
    for (const [j, name] of batch.entries()) {
      const file = path.join(staged, `random-${j}`);
      await fs.writeFile(file, randomBytes(prng(seed * 1000 + i + j), bytes));
      commands.push(`write ${file} ${name}`);
    }
    await debugfs(disk, commands, staged);
    for (const j of batch.keys()) await fs.rm(path.join(staged, `random-${j}`));
  }
}

/** The physical block ranges of a file in the image, from debugfs's leaf extents. */
async function physicalExtents(disk: string, name: string): Promise<{ start: number; blocks: number }[]> {
  const { stdout } = await run('debugfs', ['-R', `ex -l ${name}`, disk], { maxBuffer: 64 * MiB });
  const extents: { start: number; blocks: number }[] = [];
  // "0/ 0   1/  2     0 - 13208   150631 -   163839  13209 Uninit"
  for (const m of stdout.matchAll(/^\s*\d+\/\s*\d+\s+\d+\/\s*\d+\s+\d+\s*-\s*\d+\s+(\d+)\s*-\s*(\d+)\s+(\d+)/gm))
    extents.push({ start: Number(m[1]), blocks: Number(m[3]) });
  return extents;
}

/** A file of zeros that the guest wrote: allocated in the filesystem, and zero bytes on the host. */
async function writeZeroFile(disk: string, staged: string, name: string, bytes: number): Promise<void> {
  await debugfs(
    disk,
    [`write /dev/null ${name}`, `fallocate ${name} 0 ${bytes / BLOCK - 1}`, `sif ${name} size ${bytes}`],
    staged,
  );
  const zeros = Buffer.alloc(4 * MiB);
  const handle = await fs.open(disk, 'r+');
  try {
    for (const { start, blocks } of await physicalExtents(disk, name)) {
      for (let done = 0; done < blocks * BLOCK; done += zeros.length) {
        const length = Math.min(zeros.length, blocks * BLOCK - done);
        await handle.write(zeros, 0, length, start * BLOCK + done);
      }
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes the disk at `disk`, staging files under `staged` (emptied again). */
export async function makeLargeDisk(disk: string, staged: string, sizes: LargeSizes): Promise<LargeMix> {
  await fs.mkdir(staged, { recursive: true });
  await fs.rm(disk, { force: true });
  await run('truncate', ['-s', String(sizes.sizeBytes), disk]);
  await run('mkfs.ext4', ['-F', '-q', '-E', 'lazy_itable_init=1,lazy_journal_init=1,nodiscard', disk]);
  // tar exits non-zero when head closes the pipe; the parts on disk are what counts.
  await run(
    'bash',
    [
      '-c',
      `tar -cf - -C / usr 2>/dev/null | head -c ${sizes.tarBytes} | split -b ${sizes.tarPart} -d -a 2 - "$1/usr.tar."`,
      'tar',
      staged,
    ],
    { maxBuffer: MiB },
  );
  const parts = (await fs.readdir(staged)).filter((f) => f.startsWith('usr.tar.')).sort();
  let tarBytes = 0;
  for (const part of parts) tarBytes += (await fs.stat(path.join(staged, part))).size;
  await debugfs(
    disk,
    ['mkdir usr-backup', 'mkdir data', ...parts.map((p) => `write ${path.join(staged, p)} usr-backup/${p}`)],
    staged,
  );
  for (const part of parts) await fs.rm(path.join(staged, part));
  const randomNames = Array.from({ length: RANDOM_FILES }, (_, i) => `data/random-${String(i).padStart(2, '0')}.bin`);
  await writeRandomFiles(disk, staged, randomNames, 1, sizes.randomFile);
  await writeZeroFile(disk, staged, 'data/zeros.bin', sizes.zeroBytes);
  await fs.rm(staged, { recursive: true, force: true });
  return { tarBytes, randomBytes: RANDOM_FILES * sizes.randomFile, zeroBytes: sizes.zeroBytes };
}

/**
 * The 10 % change, as a guest would make it: six random files replaced by new content (384 MiB),
 * and one tarball part edited, 1000 bytes inserted at its start (256 MiB whose blocks all change,
 * though most of the bytes only moved). Returns the bytes rewritten.
 */
export async function changeLargeDisk(disk: string, staged: string, sizes: LargeSizes): Promise<number> {
  await fs.mkdir(staged, { recursive: true });
  const replaced = [3, 9, 14, 20, 25, 30].map((i) => `data/random-${String(i).padStart(2, '0')}.bin`);
  await debugfs(
    disk,
    replaced.map((name) => `rm ${name}`),
    staged,
  );
  await writeRandomFiles(disk, staged, replaced, 2, sizes.randomFile);
  const part = 'usr-backup/usr.tar.05';
  const old = path.join(staged, 'old-part');
  await run('debugfs', ['-R', `dump ${part} ${old}`, disk]);
  const edited = path.join(staged, 'edited-part');
  const inserted = Buffer.alloc(1000, '# edited\n');
  await fs.writeFile(edited, Buffer.concat([inserted, await fs.readFile(old)]));
  await fs.rm(old);
  await debugfs(disk, [`rm ${part}`, `write ${edited} ${part}`], staged);
  const bytes = replaced.length * sizes.randomFile + (await fs.stat(edited)).size;
  await fs.rm(staged, { recursive: true, force: true });
  return bytes;
}
