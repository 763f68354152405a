import { describe, expect, it } from 'vitest';
import { auditFilter, auditSearch, invalidAuditFilters, isFiltered, parseAuditQuery } from './audit';

const DEFAULTS = { user: '', team: '', action: '', from: '', to: '', result: '', page: 1, size: 50 };

describe('audit log URL state', () => {
  it('has no filter and the first page of 50 by default', () => {
    expect(parseAuditQuery({})).toEqual(DEFAULTS);
    expect(isFiltered(parseAuditQuery({}))).toBe(false);
  });

  it('reads every filter', () => {
    const filters = {
      user: 'u1',
      team: 'team_2',
      action: 'image.delete',
      from: '2026-01-01',
      to: '2026-01-31',
      result: 'refused',
    } as const;
    expect(parseAuditQuery({ ...filters, page: '3', size: '200' })).toEqual({
      ...filters,
      page: 3,
      size: 200,
    });
    expect(parseAuditQuery({ action: ' image ', size: '10' })).toMatchObject({ action: 'image', size: 10 });
  });

  it('falls back to defaults for odd values instead of failing', () => {
    expect(
      parseAuditQuery({
        user: "x' OR 1=1",
        team: 'a b',
        action: 'image..delete',
        from: '2026-02-30',
        to: '31/01/2026',
        result: 'maybe',
        page: '-3',
        size: '7',
      }),
    ).toEqual(DEFAULTS);
    expect(parseAuditQuery({ page: '1.5', size: '201', action: 'Image.Delete', from: '2026-1-1' })).toEqual(DEFAULTS);
    expect(parseAuditQuery({ page: 'abc', size: '' })).toEqual(DEFAULTS);
    // Only plain digits: not hex, exponents, padding or signs.
    for (const odd of ['0x10', '1e1', ' 2', '2 ', '+2', '2.0', '0b11'])
      expect(parseAuditQuery({ page: odd, size: odd === '1e1' ? '1e2' : odd.replace('2', '20') })).toEqual(DEFAULTS);
  });

  it('names the filters that were given but are not valid, for the export to refuse', () => {
    expect(
      invalidAuditFilters({ from: 'garbage', to: '2026-01-31', result: 'maybe', user: 'u1', page: '0x10' }),
    ).toEqual(['from', 'result']);
    expect(invalidAuditFilters({ from: '2026-02-30', team: 'a b', action: 'image..delete' })).toEqual([
      'team',
      'action',
      'from',
    ]);
    expect(invalidAuditFilters({ from: '', user: '  ', action: 'image' })).toEqual([]);
    expect(invalidAuditFilters({})).toEqual([]);
  });

  it('takes the first of repeated parameters', () => {
    expect(parseAuditQuery({ page: ['2', '9'], action: ['job', 'image'] })).toMatchObject({ page: 2, action: 'job' });
  });
});

describe('audit filter', () => {
  it('reads days in UTC, the last one whole', () => {
    const filter = auditFilter(parseAuditQuery({ from: '2026-01-31', to: '2026-02-28' }));
    expect(filter.from?.toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(filter.to?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(auditFilter(parseAuditQuery({ to: '2026-12-31' })).to?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('leaves out filters that are not set', () => {
    expect(auditFilter(parseAuditQuery({}))).toEqual({});
    expect(auditFilter(parseAuditQuery({ user: 'u', team: 't', action: 'auth', result: 'failure' }))).toEqual({
      userId: 'u',
      teamId: 't',
      action: 'auth',
      result: 'failure',
    });
  });
});

describe('audit links', () => {
  it('keep the filters, drop defaults, and change what is asked', () => {
    const query = parseAuditQuery({ team: 't1', result: 'success', page: '2' });
    expect(auditSearch(query).toString()).toBe('team=t1&result=success&page=2');
    expect(auditSearch(query, { page: 1 }).toString()).toBe('team=t1&result=success');
    expect(auditSearch(parseAuditQuery({ size: '100' }), { page: 3 }).toString()).toBe('page=3&size=100');
  });
});
