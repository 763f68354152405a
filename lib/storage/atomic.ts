import fs from 'node:fs/promises';
import path from 'node:path';
import { tempPathFor } from './layout';

// Crash safety rests on one pattern: write a temporary file in the same directory, fsync it,
// rename it over the final name (atomic on POSIX), then fsync the directory so the rename itself
// survives a power cut. A reader therefore sees either nothing or the whole file.

/** fsync a directory so renames and unlinks inside it are durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `data` to `file` atomically. With syncDir the rename is made durable too. */
export async function writeFileAtomic(
  file: string,
  data: Uint8Array | string,
  opts: { syncDir?: boolean } = {},
): Promise<void> {
  const temp = tempPathFor(file);
  const handle = await fs.open(temp, 'wx');
  try {
    await handle.writeFile(data);
    await handle.datasync();
  } catch (error) {
    await handle.close().catch(() => {});
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  if (opts.syncDir) await fsyncDir(path.dirname(file));
}
