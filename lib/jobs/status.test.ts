import { describe, expect, it } from 'vitest';
import { isUniqueViolation } from './errors';
import { isActive, reasonOf, retryDelayMs } from './status';

describe('job status rules', () => {
  it('counts queued and running as active', () => {
    expect(['queued', 'running', 'succeeded', 'failed', 'cancelled'].filter(isActive)).toEqual(['queued', 'running']);
  });

  it('doubles the retry delay up to a cap', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(20, 1000, 60_000)).toBe(60_000);
  });

  it('reads a plain reason from an error', () => {
    expect(reasonOf(new Error('The disk is over the ceiling.'))).toBe('The disk is over the ceiling.');
    expect(
      reasonOf(new Error('\nInvalid `db.image.update()` invocation in\n/x.ts:3\n\nRecord to update not found.')),
    ).toBe('Record to update not found.');
    expect(reasonOf('plain')).toBe('plain');
    expect(reasonOf({})).toBe('The job failed for an unknown reason.');
  });
});

describe('unique violations', () => {
  const sqlite = {
    code: 'P2002',
    meta: { driverAdapterError: { cause: { kind: 'UniqueConstraintViolation', constraint: { fields: ['lockKey'] } } } },
  };
  const postgres = {
    code: 'P2002',
    meta: {
      driverAdapterError: { cause: { kind: 'UniqueConstraintViolation', constraint: { index: 'Job_lockKey_key' } } },
    },
  };

  it('recognises the lockKey index on SQLite and PostgreSQL', () => {
    expect(isUniqueViolation(sqlite, 'lockKey')).toBe(true);
    expect(isUniqueViolation(postgres, 'lockKey')).toBe(true);
    expect(isUniqueViolation({ code: 'P2002', meta: { target: ['lockKey'] } }, 'lockKey')).toBe(true);
  });

  it('does not mistake other errors for it', () => {
    expect(isUniqueViolation({ code: 'P2002', meta: { target: ['id'] } }, 'lockKey')).toBe(false);
    expect(isUniqueViolation({ code: 'P2025' }, 'lockKey')).toBe(false);
    expect(isUniqueViolation(new Error('x'), 'lockKey')).toBe(false);
  });
});
