import { describe, expect, it } from 'vitest';
import { ext4UsedBytes, parseExt4Superblock, parseFreeBlocks } from './ext4';

function superblock(fields: { blocks: number; free: number; overhead: number; logBlock?: number; wide?: boolean }) {
  const sb = Buffer.alloc(1024);
  sb.writeUInt16LE(0xef53, 0x38);
  sb.writeUInt32LE(fields.logBlock ?? 2, 0x18);
  sb.writeUInt32LE(fields.blocks % 2 ** 32, 0x04);
  sb.writeUInt32LE(fields.free % 2 ** 32, 0x0c);
  sb.writeUInt32LE(fields.overhead, 0x248);
  if (fields.wide) {
    sb.writeUInt32LE(0x80, 0x60);
    sb.writeUInt32LE(Math.floor(fields.blocks / 2 ** 32), 0x150);
    sb.writeUInt32LE(Math.floor(fields.free / 2 ** 32), 0x158);
  }
  return sb;
}

describe('ext4 superblock', () => {
  it('reads df-style used bytes: blocks minus free minus overhead', () => {
    const sb = parseExt4Superblock(superblock({ blocks: 1_572_864, free: 1_525_650, overhead: 47_208 }))!;
    expect(sb).toEqual({ blockSize: 4096, blocksCount: 1_572_864, freeBlocks: 1_525_650, overheadBlocks: 47_208 });
    expect(ext4UsedBytes(sb)).toBe(6 * 4096);
  });

  it('reads the high words on a 64-bit filesystem', () => {
    const sb = parseExt4Superblock(superblock({ blocks: 2 ** 33, free: 2 ** 32 + 5, overhead: 0, wide: true }))!;
    expect(sb.blocksCount).toBe(2 ** 33);
    expect(sb.freeBlocks).toBe(2 ** 32 + 5);
  });

  it('is not fooled by a disk without a filesystem, or by figures that cannot be', () => {
    expect(parseExt4Superblock(Buffer.alloc(1024))).toBeNull();
    expect(parseExt4Superblock(superblock({ blocks: 10, free: 11, overhead: 0 }))).toBeNull();
    expect(parseExt4Superblock(superblock({ blocks: 10, free: 5, overhead: 6 }))).toBeNull();
    expect(parseExt4Superblock(superblock({ blocks: 10, free: 5, overhead: 0, logBlock: 30 }))).toBeNull();
  });
});

describe("dumpe2fs's free blocks", () => {
  it('takes the per-group lines, not the header total, and merges ranges', () => {
    const listing = [
      'Free blocks:              4753151',
      'Group 0: (Blocks 0-32767) csum 0x1234',
      '  Free blocks: 100-199, 200-299, 500',
      '  Free inodes: 12-8192',
      'Group 1: (Blocks 32768-65535)',
      '  Free blocks: ',
      '  Free blocks: 33537-65535',
    ].join('\n');
    expect(parseFreeBlocks(listing)).toEqual([
      { offset: 100, length: 200 },
      { offset: 500, length: 1 },
      { offset: 33537, length: 31999 },
    ]);
  });

  it('refuses a listing it does not understand', () => {
    expect(() => parseFreeBlocks('  Free blocks: 9-3')).toThrow(/bad range/);
  });
});
