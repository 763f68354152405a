import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IMAGE_CEILING_BYTES,
  GiB,
  describeUsage,
  measuredAgo,
  formatBytes,
  formatGiB,
  formatGiBText,
  isOverCeiling,
  usageLevel,
  usedSourceText,
} from './usage';

const ceiling = DEFAULT_IMAGE_CEILING_BYTES;

describe('the 6 GiB manual-image ceiling', () => {
  it('is 6 GiB by default', () => {
    expect(ceiling).toBe(6 * 1024 ** 3);
  });

  it('lets a disk exactly at the ceiling through and refuses one byte more', () => {
    expect(isOverCeiling(ceiling, ceiling)).toBe(false);
    expect(isOverCeiling(ceiling + 1, ceiling)).toBe(true);
  });

  it('grades usage as ok, near (last 10 %) or over', () => {
    expect(usageLevel(0, ceiling)).toBe('ok');
    expect(usageLevel(5.3 * GiB, ceiling)).toBe('ok');
    expect(usageLevel(5.4 * GiB, ceiling)).toBe('near');
    expect(usageLevel(ceiling, ceiling)).toBe('near');
    expect(usageLevel(ceiling + 1, ceiling)).toBe('over');
  });

  it('follows a ceiling set per account', () => {
    expect(usageLevel(3 * GiB, 2 * GiB)).toBe('over');
    expect(usageLevel(3 * GiB, 10 * GiB)).toBe('ok');
  });
});

describe('usage labels', () => {
  it('reads "4.2 of 6 GiB"', () => {
    expect(describeUsage(4.2 * GiB, ceiling).label).toBe('4.2 of 6 GiB');
  });

  it('never shows a disk over the ceiling as equal to it', () => {
    const over = ceiling + 10 * 1024 * 1024; // 6.01 GiB
    expect(formatGiB(over, ceiling)).toBe('6.1');
    expect(describeUsage(over, ceiling).label).toBe('6.1 of 6 GiB');
  });

  it('never shows a disk under the ceiling as full', () => {
    expect(formatGiB(ceiling - 10 * 1024 * 1024, ceiling)).toBe('5.9');
  });

  it('caps the bar at full but keeps the real figure', () => {
    const u = describeUsage(12 * GiB, ceiling);
    expect(u.fraction).toBe(1);
    expect(u.usedBytes).toBe(12 * GiB);
    expect(u.level).toBe('over');
  });

  it('treats a zero ceiling as full rather than dividing by zero', () => {
    expect(describeUsage(0, 0).fraction).toBe(1);
  });

  it('formats sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512 * 1024 * 1024)).toBe('512 MiB');
    expect(formatBytes(25 * GiB)).toBe('25 GiB');
    expect(formatBytes(1.5 * GiB)).toBe('1.5 GiB');
  });

  it('never rounds a disk that holds something to "0 of 6 GiB"', () => {
    expect(describeUsage(48 * 1024 ** 2, ceiling).label).toBe('48 MiB of 6 GiB');
    expect(describeUsage(192 * 1024, ceiling).label).toBe('192 KiB of 6 GiB');
    expect(describeUsage(0, ceiling).label).toBe('0 of 6 GiB');
    // From a twentieth of a GiB on, one decimal of GiB is above zero and reads as before.
    expect(describeUsage(GiB / 20, ceiling).label).toBe('0.1 of 6 GiB');
  });

  it('says sizes in sentences in the unit that keeps them above zero', () => {
    expect(formatGiBText(48 * 1024 ** 2)).toBe('48 MiB');
    expect(formatGiBText(4.2 * GiB)).toBe('4.2 GiB');
    expect(formatGiBText(0)).toBe('0 GiB');
    expect(formatGiBText(ceiling + 10 * 1024 * 1024, ceiling)).toBe('6.1 GiB');
  });

  it('moves to the next unit rather than showing 1024 of one', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1 MiB');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(99.96 * 1024)).toBe('100 KiB');
  });
});

describe('the age of a usage figure', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  it('says plainly when a disk was never measured', () => expect(measuredAgo(null, now)).toBe('not measured yet'));
  it('reads in minutes, hours, then days', () => {
    expect(measuredAgo(ago(20_000), now)).toBe('measured just now');
    expect(measuredAgo(ago(3 * 60_000), now)).toBe('measured 3 min ago');
    expect(measuredAgo(ago(5 * 3_600_000), now)).toBe('measured 5 h ago');
    expect(measuredAgo(ago(3 * 86_400_000), now)).toBe('measured 3 days ago');
  });
});

describe('usedSourceText', () => {
  it('says which basis a used figure has', () => {
    expect(usedSourceText('filesystem')).toMatch(/filesystem reports/);
    expect(usedSourceText('host')).toMatch(/no filesystem Lifeboat can read/);
    expect(usedSourceText(null)).toBeNull();
  });
});
