import { describe, expect, it } from 'vitest';
import { qcow2Layout, qcow2Metadata, qcow2Padding, type Qcow2Layout } from './qcow2';

// The layout read back the way a qcow2 reader would: the header's fields, every cluster the
// refcounts count, and each guest cluster's place through L1 and L2. qemu-img itself checks
// real files in lib/services/downloads.int.test.ts.

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const CLUSTER = 64 * KiB;
const MASK = (1n << 56n) - 1n - 511n;
const COPIED = 1n << 63n;

function metadata(layout: Qcow2Layout): Buffer {
  return Buffer.concat([...qcow2Metadata(layout)]);
}

/** Where guest cluster g is in the file (0: unallocated), through the L1 and L2 tables. */
function hostOffset(meta: Buffer, layout: Qcow2Layout, guest: number): number {
  const l1 = meta.readBigUInt64BE(layout.l1Offset + Math.floor(guest / 8192) * 8);
  if (l1 === 0n) return 0;
  expect(l1 & COPIED).toBe(COPIED);
  const l2 = meta.readBigUInt64BE(Number(l1 & MASK) + (guest % 8192) * 8);
  if (l2 !== 0n) expect(l2 & COPIED).toBe(COPIED);
  return Number(l2 & MASK);
}

describe('qcow2 layout', () => {
  it('writes a version 3 header with 64 KiB clusters and the tables where it says', () => {
    const layout = qcow2Layout({
      sizeBytes: 48 * MiB,
      chunkSize: 4 * MiB,
      data: [true, false, ...Array(10).fill(true)],
    });
    const meta = metadata(layout);
    expect(meta.length).toBe(layout.dataOffset);
    expect(meta.subarray(0, 4).toString('latin1')).toBe('QFI\xfb');
    expect(meta.readUInt32BE(4)).toBe(3);
    expect(meta.readUInt32BE(20)).toBe(16);
    expect(Number(meta.readBigUInt64BE(24))).toBe(48 * MiB);
    expect(meta.readUInt32BE(36)).toBe(1);
    expect(Number(meta.readBigUInt64BE(40))).toBe(layout.l1Offset);
    expect(Number(meta.readBigUInt64BE(48))).toBe(CLUSTER);
    expect(meta.readUInt32BE(96)).toBe(4);
    expect(meta.readUInt32BE(100)).toBe(104);
    // 1 header + 1 refcount table + 1 refcount block + 1 L1 + 1 L2, then 11 chunks of 64 clusters.
    expect(layout.dataOffset).toBe(5 * CLUSTER);
    expect(layout.fileSize).toBe(5 * CLUSTER + 11 * 4 * MiB);
  });

  it('maps every guest cluster of a data chunk to its data in disk order, and leaves holes unallocated', () => {
    const data = [true, false, false, true, true, false, true];
    const layout = qcow2Layout({ sizeBytes: 7 * 4 * MiB, chunkSize: 4 * MiB, data });
    const meta = metadata(layout);
    let expected = layout.dataOffset;
    for (let chunk = 0; chunk < data.length; chunk++) {
      for (let k = 0; k < 64; k++) {
        const at = hostOffset(meta, layout, chunk * 64 + k);
        expect(at).toBe(data[chunk] ? expected + k * CLUSTER : 0);
      }
      if (data[chunk]) {
        expect(layout.chunkOffsets[chunk]).toBe(expected);
        expected += 4 * MiB;
      } else expect(layout.chunkOffsets[chunk]).toBe(-1);
    }
    expect(expected).toBe(layout.fileSize);
  });

  it('counts every cluster of the file exactly once, and nothing past its end', () => {
    const layout = qcow2Layout({ sizeBytes: 3 * GiB, chunkSize: 4 * MiB, data: Array(768).fill(true) });
    const meta = metadata(layout);
    const clusters = layout.fileSize / CLUSTER;
    expect(clusters).toBeGreaterThan(32768); // more than one refcount block
    expect(layout.refcountBlocks).toBe(Math.ceil(clusters / 32768));
    const table = layout.refcountTableOffset;
    const wrong: number[] = [];
    for (let block = 0; block < layout.refcountBlocks; block++) {
      const at = Number(meta.readBigUInt64BE(table + block * 8));
      for (let e = 0; e < 32768; e++) {
        const cluster = block * 32768 + e;
        if (meta.readUInt16BE(at + e * 2) !== (cluster < clusters ? 1 : 0)) wrong.push(cluster);
      }
    }
    expect(wrong).toEqual([]);
    expect(meta.readBigUInt64BE(table + layout.refcountBlocks * 8)).toBe(0n);
    expect(layout.l2Indexes).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('gives L2 tables only to the parts of a big sparse disk that hold data', () => {
    const data = Array<boolean>(40960).fill(false); // 160 GiB
    data[0] = data[128] = data[40959] = true; // an L2 table covers 512 MiB, 128 chunks
    const layout = qcow2Layout({ sizeBytes: 160 * GiB, chunkSize: 4 * MiB, data });
    expect(layout.l1Entries).toBe(320);
    expect(layout.l2Indexes).toEqual([0, 1, 319]);
    expect(layout.fileSize).toBe(layout.dataOffset + 3 * 4 * MiB);
    expect(layout.dataOffset).toBe((1 + 1 + 1 + 1 + 3) * CLUSTER);
  });

  it('rounds an odd disk size up to a sector and pads the last chunk to its cluster', () => {
    const size = 8 * MiB + 1000;
    const layout = qcow2Layout({ sizeBytes: size, chunkSize: 4 * MiB, data: [false, true, true] });
    expect(layout.virtualSize).toBe(8 * MiB + 1024);
    expect(qcow2Padding(1000)).toBe(CLUSTER - 1000);
    expect(qcow2Padding(4 * MiB)).toBe(0);
    expect(layout.fileSize).toBe(layout.chunkOffsets[2] + CLUSTER);
  });

  it('refuses a chunk list that does not fit the disk, and a chunk smaller than a cluster', () => {
    expect(() => qcow2Layout({ sizeBytes: 8 * MiB, chunkSize: 4 * MiB, data: [true] })).toThrow(/1 chunks listed, 2/);
    expect(() => qcow2Layout({ sizeBytes: 8 * MiB, chunkSize: 32 * KiB, data: [] })).toThrow(/power of two/);
  });
});
