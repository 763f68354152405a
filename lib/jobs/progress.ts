// Speed and time left from recent progress reports. Pure (the caller passes `now`) so the
// maths is tested without a clock. A sliding window keeps the figures honest when the speed
// changes (cache warm-up, a slow disk), and a stall makes the speed fall instead of freezing.

export type ProgressSample = { at: number; bytes: number };
export type Estimate = { speedBps: number | null; etaSeconds: number | null };

const SPEED_WINDOW_MS = 10_000;
const SAMPLE_GAP_MS = 100;
// Below this the division is noise (two reports a few ms apart).
const MIN_SPAN_MS = 250;

/** The samples to keep after a new report: the last `windowMs`, plus the one just before it. */
export function addSample(
  samples: ProgressSample[],
  sample: ProgressSample,
  windowMs = SPEED_WINDOW_MS,
): ProgressSample[] {
  const last = samples.at(-1);
  // Progress going backwards means the work started over (a retry re-reading the disk).
  if (last && sample.bytes < last.bytes) return [sample];
  // Handlers may report per chunk, hundreds of times a second: reports closer than SAMPLE_GAP_MS
  // to the one before the last replace the last, so a 10 s window holds about a hundred.
  const previous = samples.at(-2);
  const kept = previous && sample.at - previous.at < SAMPLE_GAP_MS ? samples.slice(0, -1) : samples;
  const next = [...kept, sample];
  let first = 0;
  while (first < next.length - 2 && next[first + 1].at <= sample.at - windowMs) first++;
  return next.slice(first);
}

export function estimate(samples: ProgressSample[], bytesTotal: number, now: number): Estimate {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last) return { speedBps: null, etaSeconds: null };
  if (bytesTotal > 0 && last.bytes >= bytesTotal) return { speedBps: speedOf(first, last, now), etaSeconds: 0 };
  const speedBps = speedOf(first, last, now);
  if (speedBps === null) return { speedBps: null, etaSeconds: null };
  const etaSeconds = speedBps > 0 && bytesTotal > 0 ? Math.ceil((bytesTotal - last.bytes) / speedBps) : null;
  return { speedBps, etaSeconds };
}

function speedOf(first: ProgressSample, last: ProgressSample, now: number): number | null {
  const span = Math.max(now, last.at) - first.at;
  if (span < MIN_SPAN_MS || first === last) return null;
  return Math.round(((last.bytes - first.bytes) / span) * 1000);
}
