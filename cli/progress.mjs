// The progress line `--wait` redraws on stderr: a bar, the share done, speed and time left, as
// the console's job panel says them.

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Bytes in the console's words: 0 B, 512 KB, 1.2 GB (powers of 1000, as speeds are). */
export function formatBytes(bytes) {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

export function formatSeconds(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** One line for a job: "image.capture  [########------------]  42%  1.2 GB of 2.9 GB  180 MB/s  ETA 9 s". */
export function progressLine(job, width = 24) {
  const total = job.bytesTotal || 0;
  const fraction = total > 0 ? Math.min(1, job.bytesDone / total) : 0;
  const filled = Math.round(fraction * width);
  const parts = [
    job.name || job.kind,
    `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`,
    `${Math.floor(fraction * 100)}%`.padStart(4),
  ];
  if (total > 0) parts.push(`${formatBytes(job.bytesDone)} of ${formatBytes(total)}`);
  if (job.speedBps) parts.push(`${formatBytes(job.speedBps)}/s`);
  if (job.etaSeconds !== null && job.etaSeconds !== undefined) parts.push(`ETA ${formatSeconds(job.etaSeconds)}`);
  if (job.status === 'queued') parts.push('(queued)');
  return parts.join('  ');
}
