// What a team can be alerted about, and which job endings raise which alert. Plain rules: the
// job end hook and the scheduler ask them, the settings screen lists them.

export const ALERT_EVENTS = [
  'backup.failed',
  'backup.overdue',
  'verify.damaged',
  'capture.failed',
  'restore.failed',
  'deploy.failed',
  'backup.succeeded',
  'summary.weekly',
] as const;

export type AlertEvent = (typeof ALERT_EVENTS)[number];
/** The test a "Send test" button sends: every destination takes it, whatever it chose. */
export type AlertType = AlertEvent | 'alert.test';

export const EVENT_LABELS: Record<AlertEvent, string> = {
  'backup.failed': 'A backup failed',
  'backup.overdue': 'Backups are overdue (none successful in 26 hours)',
  'verify.damaged': 'A verify found a damaged backup',
  'capture.failed': 'An image capture or upload failed',
  'restore.failed': 'A restore failed',
  'deploy.failed': 'A deploy from an image or a backup failed',
  'backup.succeeded': 'A backup succeeded (can be many a day)',
  'summary.weekly': 'A weekly summary (Mondays)',
};

/** What a new destination wants unless the form says otherwise: every failure, no successes or summaries. */
export const DEFAULT_EVENTS: AlertEvent[] = ALERT_EVENTS.filter(
  (e) => e !== 'backup.succeeded' && e !== 'summary.weekly',
);

export function isAlertEvent(value: unknown): value is AlertEvent {
  return typeof value === 'string' && (ALERT_EVENTS as readonly string[]).includes(value);
}

/** The events a destination's stored list names (anything else in it is ignored). */
export function eventsOf(stored: unknown): AlertEvent[] {
  return Array.isArray(stored) ? ALERT_EVENTS.filter((e) => stored.includes(e)) : [];
}

/** Whether a destination with this stored list takes an alert of this type. */
export function wantsEvent(stored: unknown, type: AlertType): boolean {
  return type === 'alert.test' || eventsOf(stored).includes(type);
}

export type JobEnding = { kind: string; status: 'succeeded' | 'failed' | 'cancelled'; result: unknown };

const FAILED: Record<string, AlertEvent> = {
  'backup.capture': 'backup.failed',
  'image.capture': 'capture.failed',
  'image.upload': 'capture.failed',
  'backup.restore': 'restore.failed',
  'image.deploy': 'deploy.failed',
  'backup.deploy': 'deploy.failed',
};

/**
 * The alert a job's end raises, if any. A cancel is someone's choice, not a failure. A verify
 * that ran to the end but found damage succeeded as a job: its result says what it found.
 */
export function eventForJobEnd(ending: JobEnding): AlertEvent | null {
  if (ending.status === 'failed') return FAILED[ending.kind] ?? null;
  if (ending.status !== 'succeeded') return null;
  if (ending.kind === 'backup.capture') return 'backup.succeeded';
  if (ending.kind === 'backup.verify') {
    const ok = (ending.result as { ok?: unknown } | null)?.ok;
    return ok === false ? 'verify.damaged' : null;
  }
  return null;
}

export const DESTINATION_KINDS = ['webhook', 'email'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** Deliveries in a row that may fail for good before a destination is switched off. */
export const DISABLE_AFTER_FAILURES = 5;

export function disabledSentence(failures: number): string {
  return `Turned off after ${failures} deliveries in a row failed. Check the address and the receiver, then turn it on again.`;
}

export type SummaryFacts = { jobName: string; instance: string | null; error: string | null; problems: string[] };

/** The one sentence an alert opens with: what happened, to what, and why in the job's words. */
export function summaryOf(event: AlertEvent, f: SummaryFacts): string {
  const of = f.instance ? ` of ${f.instance}` : '';
  const why = f.error ? `: ${f.error.replace(/\.$/, '')}.` : '.';
  if (event === 'backup.succeeded') return `${f.jobName}${of} succeeded.`;
  if (event === 'verify.damaged')
    return `A verify of a backup${of} found damage${f.problems.length ? `: ${f.problems.slice(0, 3).join('; ')}` : ''}. It will not be used to restore.`;
  if (event === 'backup.overdue') return `Backups${of} are overdue: none succeeded in the last 26 hours.`;
  return `${f.jobName}${of} failed${why}`;
}
