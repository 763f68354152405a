import { describe, expect, it } from 'vitest';
import { ownerAlive, startTicksFromStat } from './process-identity';

const here = { host: 'box', bootId: 'boot-1', exists: true, startTicks: '5000' };
const owner = { host: 'box', pid: 1, bootId: 'boot-1', startTicks: '5000' };

describe('ownerAlive', () => {
  it('keeps an owner whose pid runs the same process', () => {
    expect(ownerAlive(owner, here)).toBe(true);
  });

  it('drops an owner whose pid now belongs to a later process (a restarted container)', () => {
    expect(ownerAlive(owner, { ...here, startTicks: '5100' })).toBe(false);
  });

  it('drops an owner from an earlier boot, whatever runs under its pid now', () => {
    expect(ownerAlive(owner, { ...here, bootId: 'boot-2' })).toBe(false);
  });

  it('drops an owner whose pid is free', () => {
    expect(ownerAlive(owner, { ...here, exists: false })).toBe(false);
  });

  it('judges records without start time or boot id (older ones, or no /proc) by the pid alone', () => {
    const old = { host: 'box', pid: 1 };
    expect(ownerAlive(old, here)).toBe(true);
    expect(ownerAlive(old, { ...here, exists: false })).toBe(false);
    expect(ownerAlive(owner, { host: 'box', exists: true })).toBe(true);
    expect(ownerAlive(owner, { host: 'box', exists: false })).toBe(false);
  });

  it('cannot judge another host, or a record without a usable pid: alive', () => {
    expect(ownerAlive({ ...owner, host: 'elsewhere' }, { ...here, exists: false, bootId: 'boot-2' })).toBe(true);
    expect(ownerAlive({ host: 'box' }, { ...here, exists: false })).toBe(true);
    for (const pid of [0, -1, 1.5, Number.NaN])
      expect(ownerAlive({ ...owner, pid }, { ...here, exists: false })).toBe(true);
    expect(ownerAlive({}, { ...here, exists: false })).toBe(true);
  });
});

describe('startTicksFromStat', () => {
  it('reads field 22, counting from the last parenthesis of the command name', () => {
    const rest = 'S 1 2 3 0 -1 4194304 101 0 0 0 7 8 0 0 20 0 1 0 37855 3133440 414';
    expect(startTicksFromStat(`11545 (cat) ${rest}`)).toBe('37855');
    expect(startTicksFromStat(`11545 (a (b) c) ) ${rest}`)).toBe('37855');
  });

  it('gives nothing for text that is not a stat line', () => {
    expect(startTicksFromStat('')).toBeUndefined();
    expect(startTicksFromStat('1 (x) S 1 2')).toBeUndefined();
  });
});
