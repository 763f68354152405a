import { describe, expect, it } from 'vitest';
import {
  dataBytesOf,
  ManifestError,
  parseManifest,
  referencedChunks,
  serializeManifest,
  validateManifest,
  type Manifest,
} from './manifest';

const MiB = 1024 * 1024;
const h = (c: string) => c.repeat(64);

function sample(overrides: Partial<Manifest> = {}): Manifest {
  const chunks = [h('a'), null, h('b'), h('a')];
  return {
    version: 2,
    id: 'img_1',
    createdAt: '2025-01-01T00:00:00.000Z',
    sizeBytes: 14 * MiB,
    chunkSize: 4 * MiB,
    digest: h('f'),
    chunks,
    dataBytes: dataBytesOf(chunks, 14 * MiB, 4 * MiB),
    storedBytes: 1000,
    newBytes: 600,
    ...overrides,
  };
}

describe('manifest', () => {
  it('counts data bytes of non-hole chunks, the partial last one included', () => {
    expect(sample().dataBytes).toBe(4 * MiB + 4 * MiB + 2 * MiB);
  });

  it('lists distinct referenced chunks', () => {
    expect([...referencedChunks(sample())].sort()).toEqual([h('a'), h('b')]);
  });

  it('round-trips through its file format, one chunk per line', () => {
    const text = serializeManifest(sample());
    expect(parseManifest(text, 'img_1')).toEqual(sample());
    expect(text).toContain(`\n    "${h('a')}",\n    null,\n`);
    const empty = sample({ sizeBytes: 0, chunks: [], dataBytes: 0 });
    expect(parseManifest(serializeManifest(empty))).toEqual(empty);
  });

  it('rejects a file that is not JSON', () => {
    expect(() => parseManifest('{"version":1', 'x')).toThrow(/manifest x is not valid JSON/);
  });

  it('rejects a manifest stored under another id', () => {
    expect(() => parseManifest(serializeManifest(sample()), 'img_2')).toThrow(/holds id img_1/);
  });

  const broken: [string, unknown, RegExp][] = [
    ['not an object', [], /not an object/],
    ['a future version', { ...sample(), version: 5 }, /unsupported version 5/],
    [
      'a version 4 manifest claiming more data than the disk',
      { ...sample(), version: 4, dataBytes: 15 * MiB },
      /dataBytes exceeds/,
    ],
    ['a version 1 manifest (plain SHA-256 digest)', { ...sample(), version: 1 }, /unsupported version 1/],
    ['a bad id', { ...sample(), id: '../x' }, /bad id/],
    ['a bad date', { ...sample(), createdAt: 'yesterday' }, /createdAt/],
    ['a negative size', { ...sample(), sizeBytes: -1 }, /sizeBytes/],
    ['an odd chunk size', { ...sample(), chunkSize: 3 * MiB }, /chunkSize/],
    ['a short digest', { ...sample(), digest: 'abc' }, /digest/],
    ['too few chunks for the size', { ...sample(), sizeBytes: 20 * MiB }, /4 chunks listed, 5 expected/],
    ['a chunk that is not a hash', { ...sample(), chunks: [h('a'), 0, h('b'), h('a')] }, /chunk 1/],
    ['an uppercase hash', { ...sample(), chunks: [h('A'), null, h('b'), h('a')] }, /chunk 0/],
    ['wrong dataBytes', { ...sample(), dataBytes: 1 }, /dataBytes does not match/],
    ['newBytes over storedBytes', { ...sample(), newBytes: 2000 }, /newBytes exceeds/],
    ['a missing count', { ...sample(), storedBytes: undefined }, /storedBytes/],
  ];
  it.each(broken)('rejects %s', (_name, value, message) => {
    expect(() => validateManifest(value)).toThrow(ManifestError);
    expect(() => validateManifest(value)).toThrow(message);
  });
});
