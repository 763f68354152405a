import { describe, expect, it } from 'vitest';
import { utcLabel } from './time';

describe('utcLabel', () => {
  it('writes an ISO time in UTC to the minute, or to the second', () => {
    expect(utcLabel('2026-12-01T09:05:07.123Z')).toBe('2026-12-01 09:05 UTC');
    expect(utcLabel('2026-12-01T09:05:07.123Z', true)).toBe('2026-12-01 09:05:07 UTC');
  });
});
