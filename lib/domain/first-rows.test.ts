import { describe, expect, it } from 'vitest';
import { keepFirst } from './first-rows';

describe('keepFirst', () => {
  it('keeps the first rows by label then id, whatever order the batches come in', () => {
    const row = (id: string, label: string) => ({ id, label });
    let kept = keepFirst([], [row('3', 'c'), row('1', 'a')], 2);
    kept = keepFirst(kept, [row('0', 'b'), row('9', 'a')], 2);
    expect(kept).toEqual([row('1', 'a'), row('9', 'a')]);
  });
});
