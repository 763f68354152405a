import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, MIN_CHUNK_SIZE } from './chunking';
import { diskDigest, diskDigestHeader, zeroChunkHash } from './digest';
import { referenceDiskDigest } from '@/tests/store-disks';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

// Small chunks keep the disks small; the definition is the same for any chunk size.
const CS = MIN_CHUNK_SIZE;

function chunkList(bytes: Buffer, chunkSize = CS): (string | null)[] {
  const list: (string | null)[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) {
    const chunk = bytes.subarray(at, at + chunkSize);
    list.push(chunk.every((b) => b === 0) ? null : sha256(chunk));
  }
  return list;
}

describe('disk digest', () => {
  // data, hole, data, hole, partial data tail
  const disk = Buffer.concat([randomBytes(CS), Buffer.alloc(CS), randomBytes(CS), Buffer.alloc(CS), randomBytes(1234)]);

  it("is SHA-256 over the header and each chunk's SHA-256, holes as the hash of their zeros", () => {
    expect(diskDigestHeader(disk.length, CS).toString('hex')).toBe(
      Buffer.from('lifeboat-disk-v1\0').toString('hex') +
        disk.length.toString(16).padStart(16, '0') +
        CS.toString(16).padStart(8, '0'),
    );
    expect(diskDigest(disk.length, CS, chunkList(disk))).toBe(referenceDiskDigest(disk, CS));
  });

  it('is the same whether a zero chunk is listed as a hole or by its hash', () => {
    const list = chunkList(disk);
    expect(list[1]).toBeNull();
    const spelled = list.map((c, i) => c ?? sha256(disk.subarray(i * CS, (i + 1) * CS)));
    expect(diskDigest(disk.length, CS, spelled)).toBe(diskDigest(disk.length, CS, list));
  });

  it('hashes zero chunks of every length, including a partial last one that is all zero', () => {
    expect(zeroChunkHash(CHUNK_SIZE)).toBe(sha256(Buffer.alloc(CHUNK_SIZE)));
    expect(zeroChunkHash(77)).toBe(sha256(Buffer.alloc(77)));
    const zeros = Buffer.alloc(2 * CS + 77);
    expect(diskDigest(zeros.length, CS, [null, null, null])).toBe(referenceDiskDigest(zeros, CS));
  });

  it('changes with any byte, with the size (trailing zeros) and with the chunk size', () => {
    const base = diskDigest(disk.length, CS, chunkList(disk));
    const seen = new Set([base]);
    for (const at of [0, CS + 5, 2 * CS + 100, disk.length - 1]) {
      const changed = Buffer.from(disk);
      changed[at] ^= 0x80;
      const d = diskDigest(changed.length, CS, chunkList(changed));
      expect(seen.has(d)).toBe(false);
      seen.add(d);
    }
    const grown = Buffer.concat([disk, Buffer.alloc(10)]);
    expect(diskDigest(grown.length, CS, chunkList(grown))).not.toBe(base);
    expect(diskDigest(disk.length, 2 * CS, chunkList(disk, 2 * CS))).not.toBe(base);
    expect(diskDigest(0, CS, [])).toBe(referenceDiskDigest(Buffer.alloc(0), CS));
  });

  it('rejects a list that does not fit the disk', () => {
    expect(() => diskDigest(disk.length, CS, chunkList(disk).slice(1))).toThrow(/chunk hashes/);
    expect(() => diskDigest(CS, CS, ['abc'])).toThrow(/not a SHA-256/);
  });
});
