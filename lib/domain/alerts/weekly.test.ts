import { describe, expect, it } from 'vitest';
import { summaryWeekDue, weeklySentence, weekStart } from './weekly';

const at = (iso: string) => new Date(iso);

describe('the weekly summary', () => {
  it('counts weeks from Monday 00:00 UTC', () => {
    expect(weekStart(at('2026-03-02T00:00:00Z'))).toEqual(at('2026-03-02T00:00:00Z')); // a Monday
    expect(weekStart(at('2026-03-08T23:59:59Z'))).toEqual(at('2026-03-02T00:00:00Z')); // the Sunday after
    expect(weekStart(at('2026-03-04T12:00:00Z'))).toEqual(at('2026-03-02T00:00:00Z'));
    expect(weekStart(at('2026-03-09T00:00:00Z'))).toEqual(at('2026-03-09T00:00:00Z'));
  });

  it('is due from Monday 08:00 UTC, for the rest of that week', () => {
    expect(summaryWeekDue(at('2026-03-02T07:59:59Z'))).toBeNull();
    expect(summaryWeekDue(at('2026-03-02T08:00:00Z'))).toEqual(at('2026-03-02T00:00:00Z'));
    expect(summaryWeekDue(at('2026-03-06T10:00:00Z'))).toEqual(at('2026-03-02T00:00:00Z'));
  });

  it('says the week in one sentence', () => {
    expect(weeklySentence({ succeeded: 14, failed: 0, overdue: 0, damaged: 0 })).toBe(
      'Last week: 14 successful backups, nothing failed.',
    );
    expect(weeklySentence({ succeeded: 1, failed: 2, overdue: 1, damaged: 1 })).toBe(
      'Last week: 1 successful backup, 2 failed backups, 1 instance overdue, 1 damaged backup.',
    );
  });
});
