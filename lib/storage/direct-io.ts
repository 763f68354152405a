import { constants } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';

// Disk-sized files are read and written with O_DIRECT where the filesystem allows it. On these VMs
// the page cache costs more CPU than the hashing: buffered capture of the 1 GiB benchmark disk spent
// 2-3 s of kernel time copying and allocating cache pages, direct I/O 0.6 s. It also keeps a
// capture or restore of a large disk from evicting everything else from the cache.
//
// O_DIRECT needs the memory address, file offset and length aligned to the device's block size.
// Offsets are chunk multiples; lengths are rounded up to ALIGN (reads stop at end of file, writes
// are padded with zeros and the file is truncated back to its size); buffers come from
// slots.ts, which carves them page-aligned out of one large SharedArrayBuffer. Whenever the kernel
// still answers EINVAL (tmpfs, an unusual block size, an allocator that did not align), the file
// is reopened without O_DIRECT and the operation carries on buffered: slower, equally correct.

export const ALIGN = 4096;
const roundUp = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

const isEinval = (error: unknown) => (error as NodeJS.ErrnoException).code === 'EINVAL';

export class IoFile {
  private direct: FileHandle | undefined;
  private buffered: Promise<FileHandle> | undefined;
  private readonly handles: Promise<FileHandle>[] = [];

  private constructor(
    readonly path: string,
    private readonly mode: 'r' | 'wx',
    direct: FileHandle | undefined,
    buffered: FileHandle | undefined,
  ) {
    this.direct = direct;
    if (direct) this.handles.push(Promise.resolve(direct));
    if (buffered) this.handles.push((this.buffered = Promise.resolve(buffered)));
  }

  /** Opens for reading ('r'), or creates a new file for writing ('wx'), direct if possible (and
   *  not turned off with direct: false). */
  static async open(path: string, mode: 'r' | 'wx', opts: { direct?: boolean } = {}): Promise<IoFile> {
    const flags = mode === 'r' ? constants.O_RDONLY : constants.O_RDWR | constants.O_CREAT | constants.O_EXCL;
    if (opts.direct === false) return new IoFile(path, mode, undefined, await fs.open(path, flags, 0o644));
    try {
      return new IoFile(path, mode, await fs.open(path, flags | constants.O_DIRECT, 0o644), undefined);
    } catch (error) {
      if (!isEinval(error)) throw error;
      return new IoFile(path, mode, undefined, await fs.open(path, flags, 0o644));
    }
  }

  /** The buffered handle, opened once on first need; from then on direct I/O is given up for this
   *  file (the direct handle stays open until close(), other operations may still be using it). */
  private fallback(): Promise<FileHandle> {
    this.direct = undefined;
    if (!this.buffered) this.handles.push((this.buffered = fs.open(this.path, this.mode === 'r' ? 'r' : 'r+')));
    return this.buffered;
  }

  private async current(): Promise<FileHandle> {
    return this.direct ?? (await this.buffered!);
  }

  async stat() {
    return (await this.current()).stat();
  }

  /** Reads exactly `length` bytes at `position` into `into` (which has room for them rounded up). */
  async read(into: Buffer, length: number, position: number): Promise<void> {
    if (this.direct) {
      try {
        const { bytesRead } = await this.direct.read(into, 0, Math.min(roundUp(length), into.length), position);
        if (bytesRead >= length) return;
      } catch (error) {
        if (!isEinval(error)) throw error;
        await this.fallback();
      }
    }
    const handle = await (this.buffered ?? this.fallback());
    for (let done = 0; done < length;) {
      const { bytesRead } = await handle.read(into, done, length - done, position + done);
      if (bytesRead === 0) throw new Error(`${this.path}: unexpected end of file at byte ${position + done}`);
      done += bytesRead;
    }
  }

  /** Writes `length` bytes of `from` at `position`; direct writes pad with zeros to ALIGN, so the
   *  caller truncates the file to its real size when done. */
  async write(from: Buffer, length: number, position: number): Promise<void> {
    if (this.direct && roundUp(length) <= from.length) {
      try {
        from.fill(0, length, roundUp(length));
        const { bytesWritten } = await this.direct.write(from, 0, roundUp(length), position);
        if (bytesWritten === roundUp(length)) return;
        await this.fallback();
      } catch (error) {
        if (!isEinval(error)) throw error;
        await this.fallback();
      }
    }
    const handle = await (this.buffered ?? this.fallback());
    for (let done = 0; done < length;) {
      const { bytesWritten } = await handle.write(from, done, length - done, position + done);
      done += bytesWritten;
    }
  }

  async truncate(size: number): Promise<void> {
    await (await this.current()).truncate(size);
  }

  /** fsync (any handle of the file flushes all of it). */
  async sync(): Promise<void> {
    await (await this.current()).sync();
  }

  async datasync(): Promise<void> {
    await (await this.current()).datasync();
  }

  async close(): Promise<void> {
    const handles = await Promise.allSettled(this.handles);
    this.direct = this.buffered = undefined;
    await Promise.all(handles.map((h) => (h.status === 'fulfilled' ? h.value.close() : undefined)));
  }
}
