import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';
import { complement, normalize, type Range } from './ranges';

// Local disks carry a real ext4 filesystem, made and read with Debian's e2fsprogs, never mounted.
// "Used" is what a guest's df would say: the superblock's blocks minus its free and overhead
// (metadata) blocks. Which blocks hold anything comes from the block bitmaps, read by dumpe2fs,
// so a capture reads what partclone would: the used blocks and the metadata, the rest is zeros.

const exec = promisify(execFile);
// e2fsprogs lives in /usr/sbin, which not every PATH holds.
const run = (tool: string, args: string[], options: Parameters<typeof exec>[2] = {}) =>
  exec(existsSync(`/usr/sbin/${tool}`) ? `/usr/sbin/${tool}` : tool, args, {
    encoding: 'utf8',
    ...options,
  }) as Promise<{
    stdout: string;
    stderr: string;
  }>;
const EXT4_MAGIC = 0xef53;
const SUPERBLOCK_AT = 1024;
const INCOMPAT_64BIT = 0x80;

export type Ext4Superblock = {
  blockSize: number;
  blocksCount: number;
  freeBlocks: number;
  /** Blocks the filesystem's own structures take (inode tables, bitmaps, journal); 0 if unknown. */
  overheadBlocks: number;
};

/**
 * The fields Lifeboat needs from the 1024 bytes of an ext2/3/4 superblock (offsets from the
 * kernel's struct ext4_super_block), or null when it is not one: a disk without a filesystem
 * Lifeboat can read falls back to what the host holds.
 */
export function parseExt4Superblock(sb: Buffer): Ext4Superblock | null {
  if (sb.length < 1024 || sb.readUInt16LE(0x38) !== EXT4_MAGIC) return null;
  const logBlockSize = sb.readUInt32LE(0x18);
  if (logBlockSize > 6) return null;
  const wide = (sb.readUInt32LE(0x60) & INCOMPAT_64BIT) !== 0;
  const hiLo = (lo: number, hi: number) => sb.readUInt32LE(lo) + (wide ? sb.readUInt32LE(hi) * 2 ** 32 : 0);
  const blocksCount = hiLo(0x04, 0x150);
  const freeBlocks = hiLo(0x0c, 0x158);
  const overheadBlocks = sb.readUInt32LE(0x248);
  if (blocksCount === 0 || freeBlocks > blocksCount || overheadBlocks > blocksCount - freeBlocks) return null;
  return { blockSize: 1024 << logBlockSize, blocksCount, freeBlocks, overheadBlocks };
}

/** Used bytes as df shows them (data, directories and extent trees; not the fixed metadata). */
export const ext4UsedBytes = (sb: Ext4Superblock) =>
  (sb.blocksCount - sb.freeBlocks - sb.overheadBlocks) * sb.blockSize;

export async function readExt4Superblock(file: string): Promise<Ext4Superblock | null> {
  const handle = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(1024);
    const { bytesRead } = await handle.read(buf, 0, 1024, SUPERBLOCK_AT);
    return bytesRead === 1024 ? parseExt4Superblock(buf) : null;
  } finally {
    await handle.close();
  }
}

/**
 * The free block ranges in dumpe2fs's listing ("  Free blocks: 33537-65535, 70000"), one line per
 * group, indented (the unindented "Free blocks:" of the header is the total count).
 */
export function parseFreeBlocks(listing: string): Range[] {
  const free: Range[] = [];
  for (const line of listing.split('\n')) {
    const m = /^\s+Free blocks:\s*(.*)$/.exec(line);
    if (!m || !m[1].trim()) continue;
    for (const part of m[1].split(',')) {
      const [a, b = a] = part.trim().split('-').map(Number);
      if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || b < a)
        throw new Error(`dumpe2fs: bad range "${part}"`);
      free.push({ offset: a, length: b - a + 1 });
    }
  }
  return normalize(free);
}

/** The byte ranges of the filesystem's used blocks (metadata included), from its bitmaps. */
export async function ext4UsedRanges(file: string, sb: Ext4Superblock): Promise<Range[]> {
  const { stdout } = await run('dumpe2fs', [file], { maxBuffer: 256 * 1024 * 1024 });
  const free = parseFreeBlocks(stdout);
  return complement(free, sb.blocksCount).map((r) => ({
    offset: r.offset * sb.blockSize,
    length: r.length * sb.blockSize,
  }));
}

/**
 * Makes an ext4 filesystem filling the file (which must exist, at its size). The inode tables and
 * the journal are left to be initialised lazily, as a cloud's fresh disk is: nothing but the
 * superblocks, descriptors and a few bitmaps is written, so a new 160 GiB disk takes a few MiB.
 */
export async function makeExt4(file: string, label = ''): Promise<void> {
  const args = ['-F', '-q', '-E', 'lazy_itable_init=1,lazy_journal_init=1,nodiscard'];
  if (label) args.push('-L', label.slice(0, 16));
  await run('mkfs.ext4', [...args, file]);
}

/** Runs debugfs commands against the (unmounted) filesystem, writing; fails on any error it prints. */
export async function debugfsWrite(file: string, commands: string[]): Promise<void> {
  const dir = await fs.mkdtemp(`${file}.debugfs-`);
  try {
    const script = `${dir}/commands`;
    await fs.writeFile(script, commands.join('\n') + '\n');
    const { stderr } = await run('debugfs', ['-w', '-f', script, file], { maxBuffer: 16 * 1024 * 1024 });
    const errors = stderr
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('debugfs ') && !l.startsWith('debugfs:') && !/^Allocated inode/.test(l));
    if (errors.length) throw new Error(`debugfs: ${errors.join('; ')}`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** e2fsck -fn: true when the filesystem is clean (read-only check, never repairs). */
export async function checkExt4(file: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run('e2fsck', ['-fn', file]);
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}
