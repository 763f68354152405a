import { describe, expect, it } from 'vitest';
import { DEFAULT_EVENTS, eventForJobEnd, eventsOf, summaryOf, wantsEvent } from './events';
import { deliveryRetryDelayMs } from './retry';

describe('alert events', () => {
  it('raises an alert for the failures people asked about, and none for a cancel', () => {
    const end = (kind: string, status: 'succeeded' | 'failed' | 'cancelled', result: unknown = null) =>
      eventForJobEnd({ kind, status, result });
    expect(end('backup.capture', 'failed')).toBe('backup.failed');
    expect(end('image.capture', 'failed')).toBe('capture.failed');
    expect(end('image.upload', 'failed')).toBe('capture.failed');
    expect(end('backup.restore', 'failed')).toBe('restore.failed');
    expect(end('image.deploy', 'failed')).toBe('deploy.failed');
    expect(end('backup.deploy', 'failed')).toBe('deploy.failed');
    expect(end('backup.capture', 'cancelled')).toBeNull();
    expect(end('disks.measure', 'failed')).toBeNull();
    expect(end('alert.deliver', 'failed')).toBeNull();
    expect(end('backup.capture', 'succeeded')).toBe('backup.succeeded');
  });

  it('reads a verify that ran to its end as damage only when its result says so', () => {
    expect(eventForJobEnd({ kind: 'backup.verify', status: 'succeeded', result: { ok: false, problems: [] } })).toBe(
      'verify.damaged',
    );
    expect(eventForJobEnd({ kind: 'backup.verify', status: 'succeeded', result: { ok: true } })).toBeNull();
    expect(eventForJobEnd({ kind: 'backup.verify', status: 'succeeded', result: { skipped: true } })).toBeNull();
    expect(eventForJobEnd({ kind: 'backup.verify', status: 'succeeded', result: null })).toBeNull();
  });

  it('matches a destination to the events it chose; a test goes to every one', () => {
    expect(wantsEvent(['backup.failed'], 'backup.failed')).toBe(true);
    expect(wantsEvent(['backup.failed'], 'backup.overdue')).toBe(false);
    expect(wantsEvent([], 'alert.test')).toBe(true);
    expect(wantsEvent('backup.failed', 'backup.failed')).toBe(false);
    expect(eventsOf(['backup.overdue', 'nonsense', 'backup.failed'])).toEqual(['backup.failed', 'backup.overdue']);
    expect(DEFAULT_EVENTS).not.toContain('backup.succeeded');
  });

  it('says what happened in one sentence', () => {
    const facts = { jobName: 'Automatic backup', instance: 'web-1', error: 'The disk is gone.', problems: [] };
    expect(summaryOf('backup.failed', facts)).toBe('Automatic backup of web-1 failed: The disk is gone.');
    expect(summaryOf('backup.failed', { ...facts, instance: null, error: null })).toBe('Automatic backup failed.');
    expect(summaryOf('backup.succeeded', facts)).toBe('Automatic backup of web-1 succeeded.');
  });
});

describe('webhook retries', () => {
  it('waits five times longer before each retry, from the base, capped at six hours', () => {
    expect([1, 2, 3, 4, 5].map((a) => deliveryRetryDelayMs(a))).toEqual([
      10_000, 50_000, 250_000, 1_250_000, 6_250_000,
    ]);
    expect(deliveryRetryDelayMs(9)).toBe(6 * 3_600_000);
    expect(deliveryRetryDelayMs(0, 5)).toBe(5);
    expect(deliveryRetryDelayMs(3, 5)).toBe(125);
  });
});
