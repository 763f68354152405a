import { describe, expect, it } from 'vitest';
import {
  CHUNK_SIZE,
  chunkCount,
  chunkRange,
  compressBound,
  isAllZero,
  isValidChunkSize,
  partsByChunk,
  zeroBytes,
} from './chunking';

const MiB = 1024 * 1024;

describe('chunk maths', () => {
  it('cuts a disk into 4 MiB chunks with a partial last one', () => {
    expect(CHUNK_SIZE).toBe(4 * MiB);
    expect(chunkCount(0)).toBe(0);
    expect(chunkCount(1)).toBe(1);
    expect(chunkCount(4 * MiB)).toBe(1);
    expect(chunkCount(4 * MiB + 1)).toBe(2);
    expect(chunkCount(10 * 1024 * MiB)).toBe(2560);
    expect(chunkRange(0, 10 * MiB)).toEqual({ offset: 0, length: 4 * MiB });
    expect(chunkRange(2, 10 * MiB)).toEqual({ offset: 8 * MiB, length: 2 * MiB });
  });

  it('refuses chunks outside the disk', () => {
    expect(() => chunkRange(3, 10 * MiB)).toThrow(RangeError);
    expect(() => chunkRange(-1, 10 * MiB)).toThrow(RangeError);
    expect(() => chunkRange(0, 0)).toThrow(RangeError);
  });

  it('handles sizes past 4 GiB exactly', () => {
    const size = 40 * 1024 * MiB + 123;
    const last = chunkCount(size) - 1;
    expect(chunkRange(last, size)).toEqual({ offset: 40 * 1024 * MiB, length: 123 });
  });

  it('accepts only power-of-two chunk sizes between 64 KiB and 16 MiB', () => {
    expect(isValidChunkSize(4 * MiB)).toBe(true);
    expect(isValidChunkSize(64 * 1024)).toBe(true);
    expect(isValidChunkSize(3 * MiB)).toBe(false);
    expect(isValidChunkSize(32 * MiB)).toBe(false);
    expect(isValidChunkSize(0)).toBe(false);
  });

  it('bounds compressed size like zstd', () => {
    expect(compressBound(4 * MiB)).toBe(4 * MiB + 16 * 1024);
    expect(compressBound(0)).toBe(64);
  });
});

describe('zero detection', () => {
  it('sees all-zero chunks of any length, partial ones included', () => {
    expect(isAllZero(Buffer.alloc(4 * MiB))).toBe(true);
    expect(isAllZero(Buffer.alloc(12345))).toBe(true);
    expect(isAllZero(new Uint8Array(4096))).toBe(true);
    expect(isAllZero(Buffer.alloc(0))).toBe(true);
  });

  it('sees a single non-zero byte anywhere', () => {
    for (const at of [0, 1, 2 * MiB, 4 * MiB - 1]) {
      const buf = Buffer.alloc(4 * MiB);
      buf[at] = 1;
      expect(isAllZero(buf)).toBe(false);
    }
    const view = new Uint8Array(new ArrayBuffer(8192), 4096, 4096);
    view[4095] = 9;
    expect(isAllZero(view)).toBe(false);
  });

  it('grows its shared zero buffer for longer inputs', () => {
    expect(zeroBytes(8 * MiB).length).toBe(8 * MiB);
    expect(isAllZero(Buffer.alloc(8 * MiB))).toBe(true);
  });
});

describe('partsByChunk', () => {
  it('splits ranges by chunk, relative to each chunk', () => {
    const r = (offset: number, length: number) => ({ offset, length });
    expect([...partsByChunk([r(2, 4), r(7, 6)], 5)]).toEqual([
      [0, [r(2, 3)]],
      [1, [r(0, 1), r(2, 3)]],
      [2, [r(0, 3)]],
    ]);
    expect(partsByChunk([], 5).size).toBe(0);
  });
});
