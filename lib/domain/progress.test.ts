import { describe, expect, it } from 'vitest';
import { describeProgress, formatEta, formatSpeed, JOB_NAMES, PERCENT_ONLY, percent } from './progress';

describe('job progress text', () => {
  it('reads percent, bytes, speed and time left', () => {
    expect(
      describeProgress({ bytesDone: 512 * 1024 ** 2, bytesTotal: 1024 ** 3, speedBps: 180e6, etaSeconds: 3 }),
    ).toBe('50 % · 512 MiB of 1 GiB · 180 MB/s · about 3 s left');
  });
  it('copes with an unknown total or speed', () => {
    expect(describeProgress({ bytesDone: 0, bytesTotal: 0, speedBps: null, etaSeconds: null })).toBe('0 %');
  });
  it('never passes 100 %', () => expect(percent(11, 10)).toBe(100));

  it('shows a provider that reports percent only as a percent and a time left, no bytes and no speed', () => {
    expect(percent(40, PERCENT_ONLY)).toBe(40);
    expect(describeProgress({ bytesDone: 40, bytesTotal: PERCENT_ONLY, speedBps: 12, etaSeconds: 30 })).toBe(
      '40 % · about 30 s left',
    );
  });
  it('formats speed and ETA', () => {
    expect(formatSpeed(12.34e6)).toBe('12.3 MB/s');
    expect(formatEta(125)).toBe('about 2 min left');
    expect(formatEta(7200)).toBe('about 2.0 h left');
  });
});

describe('one name per job', () => {
  it('has no two jobs sharing a name', () => {
    const names = Object.values(JOB_NAMES);
    expect(new Set(names).size).toBe(names.length);
  });
});
