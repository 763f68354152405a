import { ALERT_EVENTS, EVENT_LABELS, type AlertEvent } from '@/lib/domain/alerts/events';

// The events a destination may get, as checkboxes in a fieldset; its error is tied to the group.
export function EventChoices({
  idPrefix,
  chosen,
  errors,
  disabled,
}: {
  idPrefix: string;
  chosen: readonly AlertEvent[];
  errors?: string[];
  disabled?: boolean;
}) {
  return (
    <fieldset aria-describedby={`${idPrefix}-events-error`} disabled={disabled}>
      <legend className="text-sm font-medium">Events</legend>
      <div className="mt-1 grid gap-1 sm:grid-cols-2">
        {ALERT_EVENTS.map((e) => (
          <label key={e} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="events" value={e} defaultChecked={chosen.includes(e)} className="h-4 w-4" />
            {EVENT_LABELS[e]}
          </label>
        ))}
      </div>
      <div id={`${idPrefix}-events-error`} aria-live="polite" className="text-sm text-red-800">
        {errors?.map((m) => (
          <p key={m}>{m}</p>
        ))}
      </div>
    </fieldset>
  );
}
