// Small pure helpers for the audit log page, beside it so the page files stay about layout.

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "3 hours ago" for a time before `now`; under a minute is "just now". */
export function relativeTime(iso: string, now: Date): string {
  const seconds = Math.round((now.getTime() - new Date(iso).getTime()) / 1000);
  if (Math.abs(seconds) < 60) return 'just now';
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS)
    if (Math.abs(seconds) >= size) return format.format(-Math.trunc(seconds / size), unit);
  return 'just now';
}

/** Action names grouped by family ("image" for image.delete), families and names sorted. */
export function actionFamilies(actions: string[]): { family: string; actions: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const action of [...actions].sort()) {
    const family = action.split('.')[0];
    groups.set(family, [...(groups.get(family) ?? []), action]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([family, names]) => ({ family, actions: names }));
}
