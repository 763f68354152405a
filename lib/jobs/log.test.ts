import { describe, expect, it } from 'vitest';
import { appendLog, parseLog } from './log';

const now = new Date('2026-11-27T10:00:00.000Z');

describe('job log', () => {
  it('prefixes each line with its ISO time, newline separated', () => {
    const log = appendLog('', ['Reading disk', 'Writing chunks'], now);
    expect(log).toBe('2026-11-27T10:00:00.000Z Reading disk\n2026-11-27T10:00:00.000Z Writing chunks');
    expect(parseLog(log)).toEqual([
      { at: '2026-11-27T10:00:00.000Z', text: 'Reading disk' },
      { at: '2026-11-27T10:00:00.000Z', text: 'Writing chunks' },
    ]);
  });

  it('keeps only the last lines', () => {
    let log = '';
    for (let i = 1; i <= 120; i++) log = appendLog(log, [`line ${i}`], now);
    const lines = parseLog(log);
    expect(lines).toHaveLength(50);
    expect(lines[0].text).toBe('line 71');
    expect(lines.at(-1)?.text).toBe('line 120');
    expect(parseLog(appendLog(log, ['a', 'b', 'c'], now, 2)).map((l) => l.text)).toEqual(['b', 'c']);
  });

  it('flattens multi-line messages and shortens very long ones', () => {
    const log = appendLog('', ['first\n  second', 'x'.repeat(1000)], now);
    const [a, b] = parseLog(log);
    expect(a.text).toBe('first second');
    expect(b.text.length).toBe(300);
    expect(b.text.endsWith('…')).toBe(true);
  });

  it('leaves the log alone when there is nothing to add, and reads lines without a time', () => {
    expect(appendLog('old', [], now)).toBe('old');
    expect(parseLog('plain line')).toEqual([{ at: null, text: 'plain line' }]);
    expect(parseLog('')).toEqual([]);
  });
});
