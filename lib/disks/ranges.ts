// Byte ranges of a disk, sorted and not overlapping: what a capture reads. Pure, so the rules for
// which bytes are read are tested without files.

export type Range = { offset: number; length: number };

export const rangesBytes = (ranges: readonly Range[]) => ranges.reduce((sum, r) => sum + r.length, 0);

/** Sorts and merges touching or overlapping ranges, dropping empty ones. */
export function normalize(ranges: readonly Range[]): Range[] {
  const sorted = ranges.filter((r) => r.length > 0).sort((a, b) => a.offset - b.offset);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.offset <= last.offset + last.length)
      last.length = Math.max(last.length, r.offset + r.length - last.offset);
    else out.push({ ...r });
  }
  return out;
}

/** The bytes in both lists (each normalized). */
export function intersect(a: readonly Range[], b: readonly Range[]): Range[] {
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i].offset, b[j].offset);
    const aEnd = a[i].offset + a[i].length;
    const bEnd = b[j].offset + b[j].length;
    const end = Math.min(aEnd, bEnd);
    if (end > start) out.push({ offset: start, length: end - start });
    if (aEnd < bEnd) i++;
    else j++;
  }
  return out;
}

/** The bytes of [0, size) not in `ranges` (normalized). */
export function complement(ranges: readonly Range[], size: number): Range[] {
  const out: Range[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.offset > at) out.push({ offset: at, length: Math.min(r.offset, size) - at });
    at = Math.max(at, r.offset + r.length);
    if (at >= size) break;
  }
  if (at < size) out.push({ offset: at, length: size - at });
  return out.filter((r) => r.length > 0);
}

/** Widens each range to whole `unit`s (direct I/O reads whole blocks), merged again. */
export function alignOut(ranges: readonly Range[], unit: number, size: number): Range[] {
  return normalize(
    ranges.map((r) => {
      const start = Math.floor(r.offset / unit) * unit;
      const end = Math.min(size, Math.ceil((r.offset + r.length) / unit) * unit);
      return { offset: start, length: end - start };
    }),
  );
}
