import { describe, expect, it } from 'vitest';
import { freeLabel, replaySlots } from './recovered-slots';

const day = (d: number) => new Date(Date.UTC(2026, 10, d, 3));

describe('replaySlots', () => {
  it('gives the newest the daily slot and keeps a weekly from the scheduled day', () => {
    // 2026-11-01 is a Sunday (day 0): the scheduled day.
    const r = replaySlots(
      [
        { id: 'sun', takenAt: day(1) },
        { id: 'mon', takenAt: day(2) },
        { id: 'tue', takenAt: day(3) },
      ],
      0,
    );
    expect(Object.fromEntries(r.keep.map((k) => [k.id, k.slot]))).toEqual({ sun: 'weekly', tue: 'daily' });
    expect(r.rotatedOut).toEqual(['mon']);
  });

  it('does not depend on the order it is given', () => {
    const a = replaySlots(
      [
        { id: 'x', takenAt: day(3) },
        { id: 'y', takenAt: day(1) },
      ],
      0,
    );
    const b = replaySlots(
      [
        { id: 'y', takenAt: day(1) },
        { id: 'x', takenAt: day(3) },
      ],
      0,
    );
    expect(a).toEqual(b);
  });

  it('is empty for nothing', () => {
    expect(replaySlots([], 3)).toEqual({ keep: [], rotatedOut: [] });
  });
});

describe('freeLabel', () => {
  it('keeps a free label and numbers a taken one', () => {
    expect(freeLabel('web-1', new Set())).toBe('web-1');
    expect(freeLabel('web-1', new Set(['web-1']))).toBe('web-1-recovered');
    expect(freeLabel('web-1', new Set(['web-1', 'web-1-recovered']))).toBe('web-1-recovered-2');
  });
});
