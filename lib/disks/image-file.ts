import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

// An uploaded disk image file, read with Debian's qemu-img (package qemu-utils) and blkid
// (util-linux): what format it is, whether a qcow2 is whole, and its conversion to a sparse raw
// disk. Nothing here decides what is acceptable: that is the upload's rule (lib/domain/uploads.ts).

const run = promisify(execFile);

/** What `qemu-img info --output=json` says of a file, the fields the upload's rule reads. */
export type ImageFileInfo = {
  format: string;
  virtualSizeBytes: number;
  /** The backing file a qcow2 names (qemu-img does not open it for `info`), if any. */
  backingFile: string | null;
  /** A qcow2's external data file, if any: its data would live outside the upload too. */
  dataFile: string | null;
  /** The qcow2 header's own "corrupt" bit. */
  markedCorrupt: boolean;
};

/** Why a tool could not read the file, in its own words (the first line that says something). */
export class ImageFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageFileError';
  }
}

function toolMessage(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { stderr?: string };
  if (e.code === 'ENOENT') return `${e.path ?? 'a tool'} is not installed (Debian packages qemu-utils, util-linux)`;
  const line = String(e.stderr ?? '')
    .split('\n')
    .map((l) => l.replace(/^qemu-img: /, '').trim())
    .find(Boolean);
  return line ?? e.message;
}

export async function inspectImageFile(file: string): Promise<ImageFileInfo> {
  let stdout: string;
  try {
    // No --backing-chain: qemu-img then opens the file alone, never a backing file it names.
    ({ stdout } = await run('qemu-img', ['info', '--output=json', file], { maxBuffer: 1 << 20 }));
  } catch (error) {
    throw new ImageFileError(toolMessage(error));
  }
  const info = JSON.parse(stdout) as Record<string, unknown>;
  const specific = (info['format-specific'] as { data?: Record<string, unknown> } | undefined)?.data ?? {};
  return {
    format: String(info.format),
    virtualSizeBytes: Number(info['virtual-size']),
    backingFile: typeof info['backing-filename'] === 'string' ? info['backing-filename'] : null,
    dataFile: typeof specific['data-file'] === 'string' ? specific['data-file'] : null,
    markedCorrupt: specific.corrupt === true,
  };
}

/**
 * `qemu-img check` of a qcow2: its metadata must be consistent (a truncated or damaged file is
 * not). Leaked clusters only (exit 3) waste space in the file and lose nothing: accepted.
 * Returns null when whole, else what is wrong.
 */
export async function checkQcow2(file: string): Promise<string | null> {
  try {
    await run('qemu-img', ['check', '--output=json', '-f', 'qcow2', file], { maxBuffer: 1 << 20 });
    return null;
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string };
    if (e.code === 3) return null;
    if (e.code === 2) {
      const report = JSON.parse(e.stdout || '{}') as { corruptions?: number };
      return `${report.corruptions ?? 'some'} corrupt metadata entries (is the file truncated?)`;
    }
    return toolMessage(error);
  }
}

/** What blkid finds on a raw disk: a partition table or a filesystem type ("ext4", "dos", "gpt"), or null. */
export async function probeRawDisk(file: string): Promise<string | null> {
  try {
    const { stdout } = await run('blkid', ['-p', '-o', 'export', file]);
    const fields = Object.fromEntries(stdout.split('\n').map((l) => l.split('=', 2) as [string, string]));
    return fields.PTTYPE ?? fields.TYPE ?? null;
  } catch (error) {
    // blkid exits 2 when it finds nothing it knows.
    if ((error as { code?: number }).code === 2) return null;
    throw new ImageFileError(toolMessage(error));
  }
}

/**
 * Converts a qcow2 to a raw file (sparse: zeros become holes), reporting the fraction done as
 * qemu-img's -p prints it. Aborting the signal kills qemu-img; the caller removes the output.
 */
export function convertQcow2ToRaw(
  from: string,
  to: string,
  options: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('qemu-img', ['convert', '-p', '-f', 'qcow2', '-O', 'raw', from, to], {
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      // "    (12.34/100%)\r": the last figure in the chunk is the latest.
      const all = [...chunk.toString().matchAll(/\((\d+(?:\.\d+)?)\/100%\)/g)];
      if (all.length) options.onProgress?.(Number(all.at(-1)![1]) / 100);
    });
    child.on('error', (error) => reject(options.signal?.aborted ? error : new ImageFileError(toolMessage(error))));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new ImageFileError(toolMessage({ stderr, message: `qemu-img convert exited with ${code}` })));
    });
  });
}
