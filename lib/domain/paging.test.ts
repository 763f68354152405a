import { describe, expect, it } from 'vitest';
import { pageRead } from './paging';

// Checks every page of lists of several sizes against plain offset paging.
function rowsOf(page: number, size: number, total: number): number[] {
  const all = Array.from({ length: total }, (_, i) => i);
  const r = pageRead(page, size, total);
  if (!r.reversed) return all.slice(r.skip, r.skip + r.take);
  const backwards = [...all].reverse();
  return backwards.slice(r.skip, r.skip + r.take).reverse();
}

describe('pageRead', () => {
  it('gives every page the rows offset paging would', () => {
    for (const total of [0, 1, 19, 20, 21, 99, 100, 101])
      for (const size of [1, 20, 50])
        for (let page = 1; page <= Math.max(1, Math.ceil(total / size)); page++) {
          const all = Array.from({ length: total }, (_, i) => i);
          expect(rowsOf(page, size, total)).toEqual(all.slice((page - 1) * size, page * size));
        }
  });

  it('reads the last page from the end, skipping nothing', () => {
    expect(pageRead(5000, 20, 100_000)).toEqual({ skip: 0, take: 20, reversed: true });
    expect(pageRead(1, 20, 100_000)).toEqual({ skip: 0, take: 20, reversed: false });
    expect(pageRead(2501, 20, 100_000).skip).toBeLessThanOrEqual(50_000);
  });
});
