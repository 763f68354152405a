// A qcow2 (version 3) file laid out so it can be written strictly front to back, from a disk kept
// as fixed-size chunks of which some are holes: every piece of metadata comes first, then the
// data clusters in disk order. Pure: the layout is computed from the disk's size and which chunks
// hold data, so the file's exact size is known before a byte of data is read, and the metadata is
// rendered one cluster at a time (memory follows the chunk list, never the disk's size).
//
// File order: header cluster, refcount table, refcount blocks, L1 table, the L2 tables of the
// parts of the disk that hold data, then data. A data chunk takes chunkSize / 64 KiB clusters,
// allocated whole (its zero clusters too: what a chunk holds is known only once it is read); a
// hole takes none, and an unallocated cluster of a qcow2 without a backing file reads as zeros.
// Every cluster is referenced exactly once, so every refcount is 1 and every L1 and L2 entry
// carries the COPIED flag that says so (qemu-img check insists). Format: docs/interop/qcow2.txt
// in QEMU's sources.

export const QCOW2_CLUSTER_BITS = 16;
const CLUSTER = 2 ** QCOW2_CLUSTER_BITS;
/** 16-bit refcounts (refcount_order 4), qemu's default. */
const REFCOUNT_ORDER = 4;
const REFCOUNTS_PER_BLOCK = (CLUSTER * 8) / 2 ** REFCOUNT_ORDER;
const L2_ENTRIES = CLUSTER / 8;
const HEADER_LENGTH = 104;
const COPIED = 1n << 63n;
/** qemu counts a disk in 512-byte sectors and drops a partial last one. */
const SECTOR = 512;

export type Qcow2Input = {
  /** The disk's size in bytes. */
  sizeBytes: number;
  /** Its chunk size: a power of two of at least one cluster (64 KiB). */
  chunkSize: number;
  /** One entry per chunk in disk order: true where the chunk holds data, false for a hole. */
  data: readonly boolean[];
};

export type Qcow2Layout = {
  clusterSize: number;
  /** The size the file declares: the disk's, rounded up to a whole sector. */
  virtualSize: number;
  sizeBytes: number;
  chunkSize: number;
  l1Entries: number;
  refcountTableOffset: number;
  refcountTableClusters: number;
  refcountBlocks: number;
  l1Offset: number;
  l1Clusters: number;
  /** The L1 indexes that have an L2 table, ascending; the k-th table is at l2Offset + k clusters. */
  l2Indexes: number[];
  l2Offset: number;
  /** Where the first data cluster is: every byte before it is metadata (qcow2Metadata). */
  dataOffset: number;
  /** The file's whole size in bytes (a whole number of clusters). */
  fileSize: number;
  /** Per chunk, the file offset of its data, or -1 for a hole. */
  chunkOffsets: Float64Array;
};

const clustersFor = (bytes: number) => Math.ceil(bytes / CLUSTER);

export function qcow2Layout({ sizeBytes, chunkSize, data }: Qcow2Input): Qcow2Layout {
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes < 0) throw new RangeError(`bad disk size ${sizeBytes}`);
  if (!Number.isInteger(chunkSize) || chunkSize < CLUSTER || (chunkSize & (chunkSize - 1)) !== 0)
    throw new RangeError(`chunk size ${chunkSize} is not a power of two of at least ${CLUSTER} bytes`);
  const count = Math.ceil(sizeBytes / chunkSize);
  if (data.length !== count) throw new RangeError(`${data.length} chunks listed, ${count} expected`);
  const virtualSize = Math.ceil(sizeBytes / SECTOR) * SECTOR;
  const perChunk = chunkSize / CLUSTER;
  // A chunk never straddles two L2 tables: both are powers of two and a chunk is at most 16 MiB.
  const chunksPerL2 = L2_ENTRIES / perChunk;
  const l1Entries = Math.ceil(virtualSize / (CLUSTER * L2_ENTRIES));
  const l1Clusters = clustersFor(l1Entries * 8);
  const l2Indexes: number[] = [];
  let dataClusters = 0;
  for (let i = 0; i < count; i++) {
    if (!data[i]) continue;
    const l1 = Math.floor(i / chunksPerL2);
    if (l2Indexes[l2Indexes.length - 1] !== l1) l2Indexes.push(l1);
    dataClusters += clustersFor(Math.min(chunkSize, sizeBytes - i * chunkSize));
  }
  // The refcount blocks count every cluster, themselves and their table included: grow both
  // until they cover the file they are part of (a few rounds at most).
  const others = 1 + l1Clusters + l2Indexes.length + dataClusters;
  let tableClusters = 1;
  let blocks = 1;
  for (;;) {
    const total = others + tableClusters + blocks;
    const needBlocks = Math.ceil(total / REFCOUNTS_PER_BLOCK);
    const needTable = clustersFor(needBlocks * 8);
    if (needBlocks <= blocks && needTable <= tableClusters) break;
    blocks = Math.max(blocks, needBlocks);
    tableClusters = Math.max(tableClusters, needTable);
  }
  const refcountTableOffset = CLUSTER;
  const l1Offset = refcountTableOffset + (tableClusters + blocks) * CLUSTER;
  const l2Offset = l1Offset + l1Clusters * CLUSTER;
  const dataOffset = l2Offset + l2Indexes.length * CLUSTER;
  const chunkOffsets = new Float64Array(count).fill(-1);
  let at = dataOffset;
  for (let i = 0; i < count; i++) {
    if (!data[i]) continue;
    chunkOffsets[i] = at;
    at += clustersFor(Math.min(chunkSize, sizeBytes - i * chunkSize)) * CLUSTER;
  }
  return {
    clusterSize: CLUSTER,
    virtualSize,
    sizeBytes,
    chunkSize,
    l1Entries,
    refcountTableOffset,
    refcountTableClusters: tableClusters,
    refcountBlocks: blocks,
    l1Offset,
    l1Clusters,
    l2Indexes,
    l2Offset,
    dataOffset,
    fileSize: at,
    chunkOffsets,
  };
}

/** How many zero bytes follow a data chunk of `length` bytes to fill its last cluster. */
export function qcow2Padding(length: number): number {
  return clustersFor(length) * CLUSTER - length;
}

function header(layout: Qcow2Layout): Buffer {
  const b = Buffer.alloc(CLUSTER);
  b.write('QFI\xfb', 0, 'latin1');
  b.writeUInt32BE(3, 4); // version
  // 8: backing file offset, 16: its length (none)
  b.writeUInt32BE(QCOW2_CLUSTER_BITS, 20);
  b.writeBigUInt64BE(BigInt(layout.virtualSize), 24);
  // 32: no encryption
  b.writeUInt32BE(layout.l1Entries, 36);
  b.writeBigUInt64BE(BigInt(layout.l1Offset), 40);
  b.writeBigUInt64BE(BigInt(layout.refcountTableOffset), 48);
  b.writeUInt32BE(layout.refcountTableClusters, 56);
  // 60: no snapshots, 64: their offset; 72, 80, 88: no incompatible, compatible or autoclear features
  b.writeUInt32BE(REFCOUNT_ORDER, 96);
  b.writeUInt32BE(HEADER_LENGTH, 100);
  // The header extensions that follow end at the first type 0: the zeros after the header.
  return b;
}

/** The file's metadata, one cluster at a time in file order: exactly layout.dataOffset bytes. */
export function* qcow2Metadata(layout: Qcow2Layout): Generator<Buffer> {
  yield header(layout);
  const totalClusters = layout.fileSize / CLUSTER;
  const firstBlock = layout.refcountTableOffset / CLUSTER + layout.refcountTableClusters;
  for (let c = 0; c < layout.refcountTableClusters; c++) {
    const table = Buffer.alloc(CLUSTER);
    for (let e = 0; e < L2_ENTRIES; e++) {
      const block = c * L2_ENTRIES + e;
      if (block >= layout.refcountBlocks) break;
      table.writeBigUInt64BE(BigInt((firstBlock + block) * CLUSTER), e * 8);
    }
    yield table;
  }
  for (let block = 0; block < layout.refcountBlocks; block++) {
    const counts = Buffer.alloc(CLUSTER);
    const used = Math.min(REFCOUNTS_PER_BLOCK, totalClusters - block * REFCOUNTS_PER_BLOCK);
    for (let e = 0; e < used; e++) counts.writeUInt16BE(1, e * 2);
    yield counts;
  }
  for (let c = 0; c < layout.l1Clusters; c++) {
    const l1 = Buffer.alloc(CLUSTER);
    layout.l2Indexes.forEach((index, k) => {
      const entry = index - c * L2_ENTRIES;
      if (entry >= 0 && entry < L2_ENTRIES)
        l1.writeBigUInt64BE(BigInt(layout.l2Offset + k * CLUSTER) | COPIED, entry * 8);
    });
    yield l1;
  }
  const perChunk = layout.chunkSize / CLUSTER;
  const chunksPerL2 = L2_ENTRIES / perChunk;
  for (const index of layout.l2Indexes) {
    const l2 = Buffer.alloc(CLUSTER);
    const first = index * chunksPerL2;
    const last = Math.min(first + chunksPerL2, layout.chunkOffsets.length);
    for (let chunk = first; chunk < last; chunk++) {
      const offset = layout.chunkOffsets[chunk];
      if (offset < 0) continue;
      const clusters = clustersFor(Math.min(layout.chunkSize, layout.sizeBytes - chunk * layout.chunkSize));
      for (let k = 0; k < clusters; k++)
        l2.writeBigUInt64BE(BigInt(offset + k * CLUSTER) | COPIED, ((chunk - first) * perChunk + k) * 8);
    }
    yield l2;
  }
}
