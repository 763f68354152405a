import { describe, expect, it } from 'vitest';
import { actionFamilies, relativeTime } from './audit.utils';

describe('audit times', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('says how long ago, in the largest whole unit', () => {
    expect(relativeTime('2026-12-01T11:59:30Z', now)).toBe('just now');
    expect(relativeTime('2026-12-01T11:55:00Z', now)).toBe('5 minutes ago');
    expect(relativeTime('2026-12-01T09:00:00Z', now)).toBe('3 hours ago');
    expect(relativeTime('2026-11-30T12:00:00Z', now)).toBe('yesterday');
    expect(relativeTime('2026-11-10T12:00:00Z', now)).toBe('3 weeks ago');
    expect(relativeTime('2025-11-01T12:00:00Z', now)).toBe('last year');
  });
});

describe('action families', () => {
  it('groups actions by the part before the first dot', () => {
    expect(actionFamilies(['image.delete', 'auth.signin', 'image.capture', 'team.quota'])).toEqual([
      { family: 'auth', actions: ['auth.signin'] },
      { family: 'image', actions: ['image.capture', 'image.delete'] },
      { family: 'team', actions: ['team.quota'] },
    ]);
    expect(actionFamilies([])).toEqual([]);
  });
});
