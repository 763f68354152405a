'use client';

import { useState } from 'react';
import { useKeptForm } from '@/components/use-kept-form';
import { FormMessage } from '@/components/form-field';
import { formatMoney } from '@/lib/domain/images';
import { bulkEnableBackupsAction } from '@/lib/actions/backups';
import { initialState } from '@/lib/actions/state';

/**
 * Wraps the instance table in a form: rows with backups off carry a checkbox (with the plan's
 * backup price), and the bar shows the count and monthly total before anything is enabled.
 */
export function BulkEnableForm({ children, selectable }: { children: React.ReactNode; selectable: boolean }) {
  const [state, action, pending] = useKeptForm(bulkEnableBackupsAction, initialState);
  const [selected, setSelected] = useState<{ count: number; total: number }>({ count: 0, total: 0 });
  // A success resets the form (its boxes unchecked), so the count starts again from none.
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.ok) setSelected({ count: 0, total: 0 });
  }
  function onChange(event: React.FormEvent<HTMLFormElement>) {
    const boxes = Array.from(
      event.currentTarget.querySelectorAll<HTMLInputElement>('input[name="instanceIds"]:checked'),
    );
    setSelected({ count: boxes.length, total: boxes.reduce((sum, b) => sum + Number(b.dataset.price ?? 0), 0) });
  }
  return (
    <form {...action} onChange={onChange} aria-label="Instances">
      <div className="mb-2 flex flex-wrap items-center gap-3 text-sm">
        <button
          type="submit"
          disabled={pending || selected.count === 0}
          className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-50"
        >
          {pending ? 'Enabling…' : 'Enable backups for selected'}
        </button>
        <span aria-live="polite" data-testid="bulk-summary">
          {selected.count > 0
            ? `${selected.count} selected · ${formatMoney(selected.total)}/mo in backups`
            : selectable
              ? 'Select instances with backups off to enable them together.'
              : 'Every instance you may change on this page has backups on.'}
        </span>
        <FormMessage ok={state.ok} message={state.message} />
      </div>
      {children}
    </form>
  );
}
