import { describe, expect, it } from 'vitest';
import { alignOut, complement, intersect, normalize, rangesBytes } from './ranges';

const r = (offset: number, length: number) => ({ offset, length });

describe('disk ranges', () => {
  it('sorts and merges touching or overlapping ranges', () => {
    expect(normalize([r(10, 5), r(0, 4), r(4, 2), r(12, 10), r(30, 0)])).toEqual([r(0, 6), r(10, 12)]);
  });

  it('intersects two lists', () => {
    expect(intersect([r(0, 10), r(20, 10)], [r(5, 20)])).toEqual([r(5, 5), r(20, 5)]);
    expect(intersect([r(0, 10)], [r(10, 5)])).toEqual([]);
  });

  it('complements within the size', () => {
    expect(complement([r(2, 3), r(8, 4)], 10)).toEqual([r(0, 2), r(5, 3)]);
    expect(complement([], 4)).toEqual([r(0, 4)]);
    expect(complement([r(0, 4)], 4)).toEqual([]);
  });

  it('aligns outwards to whole units and never past the end', () => {
    expect(alignOut([r(100, 10), r(9000, 10)], 4096, 10000)).toEqual([r(0, 4096), r(8192, 1808)]);
    expect(alignOut([r(100, 10), r(5000, 10)], 4096, 6000)).toEqual([r(0, 6000)]);
  });

  it('counts bytes', () => {
    expect(rangesBytes([r(2, 4), r(7, 6)])).toBe(10);
  });
});
