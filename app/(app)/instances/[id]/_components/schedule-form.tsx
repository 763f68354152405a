'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { FormMessage, inputClass, invalidClass, SubmitButton } from '@/components/form-field';
import { updateScheduleAction } from '@/lib/actions/backups';
import { initialState } from '@/lib/actions/state';
import { BACKUP_DAYS, BACKUP_WINDOWS, windowLabelUtc, type UtcWindow } from '@/lib/domain/backups/schedule';

// "Scheduling" leaves the choice to whoever takes the backups: Lifeboat, or a provider for its own.
export function ScheduleForm({
  instanceId,
  day,
  window,
  picker = 'Lifeboat',
}: {
  instanceId: string;
  day: string;
  window: string;
  picker?: string;
}) {
  const [state, action, pending] = useKeptForm(updateScheduleAction, initialState);
  return (
    <form {...action} className="flex flex-wrap items-end gap-3" aria-label="Backup schedule">
      <input type="hidden" name="instanceId" value={instanceId} />
      <div>
        <label htmlFor="backup-day" className="block text-sm font-medium">
          Day of week
        </label>
        <select
          id="backup-day"
          name="day"
          defaultValue={day}
          aria-invalid={state.errors?.day ? true : undefined}
          aria-describedby="backup-schedule-message"
          className={state.errors?.day ? `${inputClass} ${invalidClass}` : inputClass}
        >
          {BACKUP_DAYS.map((d) => (
            <option key={d} value={d}>
              {d === 'Scheduling' ? `Scheduling: ${picker} picks the day` : d}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="backup-window" className="block text-sm font-medium">
          Window (UTC)
        </label>
        <select
          id="backup-window"
          name="window"
          defaultValue={window}
          aria-invalid={state.errors?.window ? true : undefined}
          aria-describedby="backup-schedule-message"
          className={state.errors?.window ? `${inputClass} ${invalidClass}` : inputClass}
        >
          {BACKUP_WINDOWS.map((w) => (
            <option key={w} value={w}>
              {w === 'Scheduling'
                ? `Scheduling: ${picker} picks the window`
                : `${w} · ${windowLabelUtc(w as UtcWindow)}`}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton pending={pending} pendingText="Saving…">
        Save schedule
      </SubmitButton>
      <div id="backup-schedule-message">
        <FormMessage
          ok={state.ok}
          message={state.errors ? Object.values(state.errors).flat().join(' ') || state.message : state.message}
        />
      </div>
    </form>
  );
}
