import { describe, expect, it } from 'vitest';
import { isUniqueViolation } from './errors';

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
