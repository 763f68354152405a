import { describe, expect, it } from 'vitest';
import { instanceLabel, parseInstanceListQuery } from './instances';

describe('instance list URL state', () => {
  it('falls back to defaults for missing or odd values', () => {
    expect(parseInstanceListQuery({})).toEqual({ q: '', sort: 'label', dir: 'asc', page: 1, size: 20, health: null });
    expect(
      parseInstanceListQuery({ sort: 'drop table', dir: 'sideways', page: '-3', size: '7', health: 'fine' }),
    ).toEqual({ q: '', sort: 'label', dir: 'asc', page: 1, size: 20, health: null });
  });

  it('reads search, sort, direction, page, size and the backup filter', () => {
    expect(
      parseInstanceListQuery({ q: ' db ', sort: 'usage', dir: 'desc', page: '3', size: '50', health: 'problem' }),
    ).toEqual({ q: 'db', sort: 'usage', dir: 'desc', page: 3, size: 50, health: 'problem' });
  });

  it('takes the first of repeated parameters', () => {
    expect(parseInstanceListQuery({ page: ['2', '9'] }).page).toBe(2);
  });

  it('reads paging only as plain digits, and drops an ill-formed search', () => {
    for (const odd of ['0x14', '2e1', ' 20', '+20', '20.0', ''])
      expect(parseInstanceListQuery({ page: odd.replace('14', '3'), size: odd })).toMatchObject({ page: 1, size: 20 });
    expect(parseInstanceListQuery({ size: '0x32' }).size).toBe(20);
    expect(parseInstanceListQuery({ q: 'db\ud800' }).q).toBe('');
    expect(parseInstanceListQuery({ q: 'db\u0007' }).q).toBe('');
  });
});

describe('instance labels', () => {
  const ok = (s: string) => instanceLabel.safeParse(s).success;
  it('accepts labels the service accepts', () => {
    expect(ok('web-1')).toBe(true);
    expect(ok('db_primary.eu')).toBe(true);
    expect(ok('a'.repeat(64))).toBe(true);
  });
  it('refuses the rest with a reason', () => {
    expect(ok('ab')).toBe(false);
    expect(ok('a'.repeat(65))).toBe(false);
    expect(ok('1web')).toBe(false);
    expect(ok('web--1')).toBe(false);
    expect(ok('web__1')).toBe(false);
    expect(ok('web..1')).toBe(false);
    expect(ok('web 1')).toBe(false);
    expect(instanceLabel.safeParse('1web').error?.issues[0].message).toBe('A label must start with a letter.');
  });
});
