// The manual-image ceiling rules, as plain functions: no database, no disk, no clock.
// The service we model caps a manual image at 6 GiB of *used* data on the disk; the ceiling
// and the image count are settings of each provider account.

export const GiB = 1024 ** 3;
export const DEFAULT_IMAGE_CEILING_BYTES = 6 * GiB;

/** How close to the ceiling counts as "near": the last 10 % of it. */
const NEAR_CEILING_RATIO = 0.9;

export type UsageLevel = 'ok' | 'near' | 'over';

export type Usage = {
  usedBytes: number;
  ceilingBytes: number;
  level: UsageLevel;
  /** Share of the ceiling used, capped at 1 for drawing a bar. */
  fraction: number;
  /** "4.2 of 6 GiB"; "48 MiB of 6 GiB" when the GiB figure would round to 0. */
  label: string;
};

export function usageLevel(usedBytes: number, ceilingBytes: number): UsageLevel {
  if (usedBytes > ceilingBytes) return 'over';
  if (usedBytes >= ceilingBytes * NEAR_CEILING_RATIO) return 'near';
  return 'ok';
}

export function isOverCeiling(usedBytes: number, ceilingBytes: number): boolean {
  return usedBytes > ceilingBytes;
}

/**
 * GiB with one decimal, never rounding a value over the ceiling down to look equal to it
 * (6.04 GiB over a 6 GiB ceiling reads "6.1", not "6.0"), and never rounding a value under it
 * up to the ceiling (5.98 GiB reads "5.9").
 */
export function formatGiB(bytes: number, ceilingBytes?: number): string {
  const gib = bytes / GiB;
  let rounded = Math.round(gib * 10) / 10;
  if (ceilingBytes !== undefined) {
    const ceilingGiB = ceilingBytes / GiB;
    if (bytes > ceilingBytes && rounded <= ceilingGiB) rounded = Math.ceil(gib * 10) / 10;
    if (bytes < ceilingBytes && rounded >= ceilingGiB) rounded = Math.floor(gib * 10) / 10;
  }
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** Under 0.05 GiB, one decimal of GiB reads "0": some data shown as none. */
function roundsToZeroGiB(bytes: number): boolean {
  return bytes > 0 && Math.round((bytes / GiB) * 10) === 0;
}

/**
 * A size for sentences, "4.2 GiB", in the unit that keeps it from reading as zero when it is
 * not: "48 MiB", never "0 GiB" for a disk that holds something.
 */
export function formatGiBText(bytes: number, ceilingBytes?: number): string {
  return roundsToZeroGiB(bytes) ? formatBytes(bytes) : `${formatGiB(bytes, ceilingBytes)} GiB`;
}

export function describeUsage(usedBytes: number, ceilingBytes: number): Usage {
  const level = usageLevel(usedBytes, ceilingBytes);
  const fraction = ceilingBytes > 0 ? Math.min(1, usedBytes / ceilingBytes) : 1;
  return {
    usedBytes,
    ceilingBytes,
    level,
    fraction,
    label: `${roundsToZeroGiB(usedBytes) ? formatBytes(usedBytes) : formatGiB(usedBytes, ceilingBytes)} of ${formatGiB(ceilingBytes)} GiB`,
  };
}

/** Human size for any byte count: "512 MiB", "4.2 GiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  const shown = () => (unit === 0 || value >= 100 ? Math.round(value) : Math.round(value * 10) / 10);
  // Divide while the figure as shown would reach 1024 (1023.97 KiB reads "1 MiB", not "1024 KiB").
  while (shown() >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${shown()} ${units[unit]}`;
}

/**
 * How old a disk's usage figure is, in words for the page: "measured 3 min ago", or, for a disk
 * nobody has measured yet, "not measured yet". Pages show the last figure; they never measure.
 */
export function measuredAgo(measuredAt: Date | null, now: Date): string {
  if (!measuredAt) return 'not measured yet';
  const minutes = Math.floor(Math.max(0, now.getTime() - measuredAt.getTime()) / 60_000);
  if (minutes < 1) return 'measured just now';
  if (minutes < 60) return `measured ${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `measured ${hours} h ago`;
  return `measured ${Math.floor(hours / 24)} days ago`;
}

/**
 * What a used figure is, for the page: the disk's filesystem's own count (what a guest's df
 * says), or, for a disk whose filesystem Lifeboat cannot read, the space the host holds for it.
 */
export function usedSourceText(measuredBy: string | null | undefined): string | null {
  if (measuredBy === 'filesystem') return 'used space as its filesystem reports it';
  if (measuredBy === 'host') return 'no filesystem Lifeboat can read: space the host holds for it';
  return null;
}
