import { describe, expect, it } from 'vitest';
import { addSample, estimate, type ProgressSample } from './progress';

const MB = 1_000_000;

function feed(points: [number, number][], windowMs?: number): ProgressSample[] {
  return points.reduce<ProgressSample[]>((s, [at, bytes]) => addSample(s, { at, bytes }, windowMs), []);
}

describe('speed and time left', () => {
  it('has no figures from a single report', () => {
    expect(estimate(feed([[0, 0]]), 100 * MB, 0)).toEqual({ speedBps: null, etaSeconds: null });
  });

  it('divides the bytes by the time between the first and last report', () => {
    const samples = feed([
      [0, 0],
      [1000, 10 * MB],
      [2000, 20 * MB],
    ]);
    expect(estimate(samples, 100 * MB, 2000)).toEqual({ speedBps: 10 * MB, etaSeconds: 8 });
  });

  it('ignores reports too close together to measure', () => {
    expect(
      estimate(
        feed([
          [0, 0],
          [100, 5 * MB],
        ]),
        100 * MB,
        100,
      ).speedBps,
    ).toBeNull();
  });

  it('follows the recent speed, not the average since the start', () => {
    // 10 s at 1 MB/s, then 10 s at 5 MB/s: the 5 s window sees only the fast part.
    const points: [number, number][] = [];
    for (let t = 0; t <= 10; t++) points.push([t * 1000, t * MB]);
    for (let t = 11; t <= 20; t++) points.push([t * 1000, 10 * MB + (t - 10) * 5 * MB]);
    const samples = feed(points, 5000);
    expect(samples[0].at).toBe(15_000);
    expect(estimate(samples, 200 * MB, 20_000).speedBps).toBe(5 * MB);
  });

  it('lets the speed fall while no progress arrives', () => {
    const samples = feed([
      [0, 0],
      [1000, 10 * MB],
    ]);
    expect(estimate(samples, 100 * MB, 5000).speedBps).toBe(2 * MB);
  });

  it('says zero seconds left once everything is done', () => {
    expect(
      estimate(
        feed([
          [0, 0],
          [1000, 50 * MB],
        ]),
        50 * MB,
        1000,
      ),
    ).toEqual({ speedBps: 50 * MB, etaSeconds: 0 });
  });

  it('has no time left while the total is unknown or nothing moves', () => {
    expect(
      estimate(
        feed([
          [0, 0],
          [1000, 5 * MB],
        ]),
        0,
        1000,
      ).etaSeconds,
    ).toBeNull();
    expect(
      estimate(
        feed([
          [0, 5],
          [1000, 5],
        ]),
        100,
        1000,
      ),
    ).toEqual({ speedBps: 0, etaSeconds: null });
  });

  it('keeps few samples however often progress is reported', () => {
    const points: [number, number][] = [];
    for (let t = 0; t <= 20_000; t += 5) points.push([t, t * 1000]);
    const samples = feed(points);
    expect(samples.length).toBeLessThanOrEqual(110);
    expect(samples.at(-1)).toEqual({ at: 20_000, bytes: 20_000_000 });
    expect(estimate(samples, 40_000_000, 20_000)).toEqual({ speedBps: 1_000_000, etaSeconds: 20 });
  });

  it('starts over when progress goes backwards (a retry re-reading the disk)', () => {
    const samples = feed([
      [0, 0],
      [1000, 80 * MB],
      [2000, 1 * MB],
    ]);
    expect(samples).toEqual([{ at: 2000, bytes: 1 * MB }]);
  });
});
