// Page renders take turns in each web process (scripts/serve.mjs). Node starts every request it
// accepts at once, so under load fifty renders share one core in slices: each takes as long as
// all of them together, the ones that started last wait longest of all, and every render's tree
// is in memory at the same time. With a few renders at a time and the rest waiting in the order
// they came, each waits only for those before it, the heap holds a few trees, and the tail
// latency is the queue's length rather than chance.
//
// Only page renders (GET and HEAD outside /api and /_next) wait: downloads, uploads, the job
// progress API and health checks are long-lived or trivial and go straight through. A render
// that is itself slow (a provider's catalogue that does not answer, say) holds its turn only
// for HOLD_MS; after that the next one starts anyway, so one stuck page cannot stall the rest.

/** Renders at once per process unless LIFEBOAT_WEB_RENDERS says otherwise. */
export const DEFAULT_RENDERS = 4;
/** How long a render keeps its turn before the next one may start beside it. */
export const HOLD_MS = 5_000;

/** Whether this request renders a page (and so takes a turn). */
export function takesTurn(method, url) {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const pathname = String(url ?? '/').split('?')[0];
  return !pathname.startsWith('/api/') && !pathname.startsWith('/_next/') && pathname !== '/metrics';
}

/** How many renders LIFEBOAT_WEB_RENDERS allows at once: DEFAULT_RENDERS unless set. */
export function rendersAtOnce(value) {
  const text = String(value ?? '').trim();
  if (text === '') return DEFAULT_RENDERS;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new Error(`LIFEBOAT_WEB_RENDERS must be a whole number from 1 to 1000; it is "${text}".`);
  return n;
}

/**
 * Turns for `limit` renders at once. `take()` resolves when it is the caller's turn, with a
 * release to call once (more calls do nothing) when the response is done; a caller whose client
 * went away while it waited releases at once. `waiting()` and `running()` are for tests, and the
 * timer is injectable so that they need no clock.
 * @param {number} limit
 * @param {{ holdMs?: number, setTimer?: (fn: () => void, ms: number) => any, clearTimer?: (timer: any) => void }} [options]
 */
export function renderTurns(limit, { holdMs = HOLD_MS, setTimer = setTimeout, clearTimer = clearTimeout } = {}) {
  const queue = [];
  let running = 0;

  function start(resolve) {
    running += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimer(timer);
      running -= 1;
      next();
    };
    // Past its hold, a render no longer counts against the limit (it goes on; it just stops
    // holding the next one back). Its release later then only marks it done.
    const timer = setTimer(release, holdMs);
    timer?.unref?.();
    resolve(release);
  }

  function next() {
    while (running < limit && queue.length > 0) start(queue.shift());
  }

  return {
    take() {
      return new Promise((resolve) => {
        if (running < limit) start(resolve);
        else queue.push(resolve);
      });
    },
    waiting: () => queue.length,
    running: () => running,
  };
}
