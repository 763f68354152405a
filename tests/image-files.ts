import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

// Disk image files as users upload them, made by the real tools: mkfs.ext4 and debugfs
// (e2fsprogs) for a raw disk with a filesystem and data in it, qemu-img (qemu-utils) for qcow2
// files, whole, truncated or with a backing file. A missing tool fails the test, naming it.

const run = promisify(execFile);
const MiB = 1024 * 1024;

async function tool(name: string, args: string[]) {
  try {
    return await run(name, args);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${name} is not installed: apt-get install qemu-utils e2fsprogs`);
    throw error;
  }
}

/** A sparse raw disk of `sizeMiB` with an ext4 filesystem holding one file of `dataMiB` random bytes. */
export async function ext4Raw(file: string, sizeMiB: number, dataMiB: number): Promise<string> {
  await fs.writeFile(file, '');
  await fs.truncate(file, sizeMiB * MiB);
  await tool('mkfs.ext4', ['-q', '-F', '-E', 'nodiscard', file]);
  if (dataMiB > 0) {
    const data = `${file}.data`;
    await fs.writeFile(data, randomBytes(dataMiB * MiB));
    await tool('debugfs', ['-w', '-R', `write ${data} payload.bin`, file]);
    await fs.rm(data);
  }
  return file;
}

/** The same disk as a standalone qcow2. */
export async function qcow2Of(raw: string, file: string): Promise<string> {
  await tool('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, file]);
  return file;
}

/** An empty qcow2 of `size` (qemu-img's notation: "32M", "1G"). */
export async function blankQcow2(file: string, size: string): Promise<string> {
  await tool('qemu-img', ['create', '-q', '-f', 'qcow2', file, size]);
  return file;
}

/** A qcow2 whose backing file is outside the upload (a host file). */
export async function qcow2WithBacking(file: string, backing: string): Promise<string> {
  await tool('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', backing, '-F', 'raw', file, '32M']);
  return file;
}

/** A qcow2 cut short: its header still reads, its tables point past the end. */
export async function truncatedQcow2(whole: string, file: string): Promise<string> {
  await fs.copyFile(whole, file);
  await fs.truncate(file, Math.floor((await fs.stat(whole)).size / 3));
  return file;
}

export async function imageFilesDir(root: string): Promise<string> {
  const dir = path.join(root, 'image-files');
  await fs.mkdir(dir, { recursive: true });
  return dir;
}
