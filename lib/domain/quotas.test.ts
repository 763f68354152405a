import { describe, expect, it } from 'vitest';
import { quotaLabel, quotaRefusal } from './quotas';

describe('team quotas', () => {
  it('lets work through below the quota and when there is none', () => {
    expect(quotaRefusal('images', { teamName: 'Web', used: 2, max: 3 })).toBeNull();
    expect(quotaRefusal('instances', { teamName: 'Web', used: 500, max: null })).toBeNull();
  });
  it('refuses at the quota, naming the team, the figures and the way out', () => {
    expect(quotaRefusal('images', { teamName: 'Web', used: 3, max: 3 })).toBe(
      'Team Web has used its quota of 3 images (3 of 3). Delete an image the team no longer needs, or ask an administrator to raise the quota.',
    );
    expect(quotaRefusal('instances', { teamName: 'Ops', used: 1, max: 1 })).toMatch(
      /^Team Ops has used its quota of 1 instance \(1 of 1\)\. Remove an instance/,
    );
    expect(quotaRefusal('images', { teamName: 'Web', used: 0, max: 0 })).toMatch(/quota of 0 images/);
  });
  it('labels usage against a quota', () => {
    expect(quotaLabel(3, 5)).toBe('3 of 5');
    expect(quotaLabel(3, null)).toBe('3 (no limit)');
  });
});
