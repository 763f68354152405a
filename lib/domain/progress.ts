import { formatBytes } from './usage';

// How a job's progress reads: "42 % · 1.2 GiB of 2.9 GiB · 180 MB/s · about 9 s left".

/**
 * The total a provider reports when it knows only how far along it is (a remote provider's events give a
 * percent_complete, not bytes): progress is then `done` percent of 100, and shows no byte counts
 * and no speed, which would be made up. (The job engine reads any negative total so.)
 */
export const PERCENT_ONLY = -100;

export function percent(done: number, total: number): number {
  if (total === PERCENT_ONLY) return Math.min(100, Math.max(0, Math.floor(done)));
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((done / total) * 100));
}

export function formatSpeed(bytesPerSecond: number | null): string | null {
  if (bytesPerSecond === null || !Number.isFinite(bytesPerSecond)) return null;
  return `${(bytesPerSecond / 1e6).toFixed(bytesPerSecond >= 1e8 ? 0 : 1)} MB/s`;
}

export function formatEta(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${(seconds / 3600).toFixed(1)} h left`;
}

export function describeProgress(p: {
  bytesDone: number;
  bytesTotal: number;
  speedBps: number | null;
  etaSeconds: number | null;
}): string {
  const parts = [`${percent(p.bytesDone, p.bytesTotal)} %`];
  if (p.bytesTotal > 0) parts.push(`${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`);
  const speed = p.bytesTotal === PERCENT_ONLY ? null : formatSpeed(p.speedBps);
  if (speed) parts.push(speed);
  const eta = formatEta(p.etaSeconds);
  if (eta) parts.push(eta);
  return parts.join(' · ');
}

/**
 * The one name of each job, used on the button that starts it, the dialog it opens, its progress
 * panel, the activity page and the audit log, so a user never has to guess that "Back up" and
 * "Taking snapshot" are the same thing. Each operation (lib/operations/) names its jobs with these.
 */
export const JOB_NAMES = {
  capture: 'Capture image',
  upload: 'Upload image',
  deployImage: 'Deploy from image',
  snapshot: 'Take snapshot',
  automaticBackup: 'Automatic backup',
  restore: 'Restore from backup',
  deployBackup: 'Deploy from backup',
  verify: 'Verify backup',
  sync: 'Sync account',
} as const;

/** The actions that start a job, by their audit name: the log names them as the job is named. */
const STARTING_ACTIONS: Record<string, string> = {
  'image.capture': JOB_NAMES.capture,
  'image.upload': JOB_NAMES.upload,
  'image.deploy': JOB_NAMES.deployImage,
  'backups.snapshot': JOB_NAMES.snapshot,
  'backups.restore': JOB_NAMES.restore,
  'backups.deploy': JOB_NAMES.deployBackup,
  'backups.verify': JOB_NAMES.verify,
  'account.sync': JOB_NAMES.sync,
};

/** The job name an audit entry's action stands for ("backups.snapshot" is "Take snapshot"), or null. */
export function auditJobName(action: string): string | null {
  return STARTING_ACTIONS[action] ?? null;
}
