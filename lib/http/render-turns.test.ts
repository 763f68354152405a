import { describe, expect, it } from 'vitest';
import { DEFAULT_RENDERS, rendersAtOnce, renderTurns, takesTurn } from './render-turns.mjs';

// Page renders take turns, a few at a time, the rest in the order they came; one that holds its
// turn too long lets the next start beside it. The timer is a hand-driven stand-in.

function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    setTimer: (fn: () => void) => {
      const id = next++;
      pending.set(id, fn);
      return id;
    },
    clearTimer: (id: number) => void pending.delete(id),
    fireAll: () => {
      const due = [...pending.values()];
      pending.clear();
      for (const fn of due) fn();
    },
    pending: () => pending.size,
  };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('render turns', () => {
  it('lets `limit` renders run and starts the rest in the order they came', async () => {
    const timers = manualTimers();
    const turns = renderTurns(2, timers);
    const started: number[] = [];
    const releases = new Map<number, () => void>();
    for (const n of [1, 2, 3, 4])
      void turns.take().then((release) => {
        started.push(n);
        releases.set(n, release);
      });
    await settle();
    expect(started).toEqual([1, 2]);
    expect(turns.waiting()).toBe(2);
    releases.get(2)!();
    await settle();
    expect(started).toEqual([1, 2, 3]);
    // A second release of the same turn frees nothing more.
    releases.get(2)!();
    await settle();
    expect(started).toEqual([1, 2, 3]);
    releases.get(1)!();
    await settle();
    expect(started).toEqual([1, 2, 3, 4]);
    for (const n of [3, 4]) releases.get(n)!();
    expect(turns.running()).toBe(0);
    expect(timers.pending()).toBe(0);
  });

  it('lets the next render start once one has held its turn too long', async () => {
    const timers = manualTimers();
    const turns = renderTurns(1, timers);
    const first = await turns.take();
    let second = false;
    void turns.take().then(() => (second = true));
    await settle();
    expect(second).toBe(false);
    timers.fireAll();
    await settle();
    expect(second).toBe(true);
    // The slow one's own release, later, does not free a turn that is not its own.
    first();
    expect(turns.running()).toBe(1);
  });

  it('takes turns only for page renders', () => {
    expect(takesTurn('GET', '/instances?page=2')).toBe(true);
    expect(takesTurn('HEAD', '/')).toBe(true);
    expect(takesTurn('POST', '/instances')).toBe(false);
    expect(takesTurn('GET', '/api/images/x/download')).toBe(false);
    expect(takesTurn('GET', '/_next/static/chunks/a.js')).toBe(false);
    expect(takesTurn('GET', '/metrics')).toBe(false);
  });

  it('reads LIFEBOAT_WEB_RENDERS', () => {
    expect(rendersAtOnce(undefined)).toBe(DEFAULT_RENDERS);
    expect(rendersAtOnce(' 8 ')).toBe(8);
    expect(() => rendersAtOnce('0')).toThrow('LIFEBOAT_WEB_RENDERS must be a whole number from 1 to 1000; it is "0".');
    expect(() => rendersAtOnce('many')).toThrow('it is "many"');
  });
});
