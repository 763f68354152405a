'use client';

import { useHydrated } from './use-hydrated';
import { windowLabelLocal, type UtcWindow } from '@/lib/domain/backups/schedule';
import { utcLabel } from '@/lib/domain/time';

// Building an Intl.DateTimeFormat costs far more than formatting with one, and a page of backups
// shows dozens of times as it hydrates: one formatter per shape, kept for the page's life.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(seconds: boolean, withYear: boolean): Intl.DateTimeFormat {
  const key = `${seconds}:${withYear}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    };
    if (seconds) options.second = '2-digit';
    if (withYear) options.year = 'numeric';
    format = new Intl.DateTimeFormat(undefined, options);
    formatters.set(key, format);
  }
  return format;
}

/**
 * Every time on the screen goes through this one component: the viewer's own zone, with UTC
 * on hover (and in the element's dateTime), or beside it with `utc="beside"` where the UTC value
 * is what the user works with (backup windows). The server cannot know the viewer's zone, so
 * it renders UTC and the browser swaps in the local text after hydration; the first client
 * render matches the server's, so hydration never mismatches.
 */
export function LocalTime({
  iso,
  utc = 'title',
  seconds = false,
}: {
  iso: string;
  utc?: 'title' | 'beside';
  seconds?: boolean;
}) {
  const hydrated = useHydrated();
  const inUtc = utcLabel(iso, seconds);
  if (!hydrated) {
    return (
      <time dateTime={iso} title={inUtc}>
        {inUtc}
      </time>
    );
  }
  const withYear = new Date(iso).getFullYear() !== new Date().getFullYear();
  const local = formatterFor(seconds, withYear).format(new Date(iso));
  return (
    <time dateTime={iso} title={inUtc}>
      {utc === 'beside' ? `${local} (${inUtc})` : local}
    </time>
  );
}

/** A 2-hour backup window in UTC with the viewer's own hours beside it ("10:00–12:00 UTC, 11:00–13:00 CET your time"). */
export function LocalWindow({ window, utcLabel: utcText }: { window: UtcWindow; utcLabel: string }) {
  const hydrated = useHydrated();
  const local = hydrated
    ? windowLabelLocal(window, Intl.DateTimeFormat().resolvedOptions().timeZone, new Date())
    : null;
  return (
    <span data-testid="schedule-window" title={utcText}>
      {utcText}
      {local !== null && local !== utcText && <>, {local} your time</>}
    </span>
  );
}
