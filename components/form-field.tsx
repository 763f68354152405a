import { cloneElement, isValidElement } from 'react';

type ControlProps = { className?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean };

/** The mark of a field a refusal speaks of: a red ring, beside aria-invalid (not colour alone: the message is under it). */
export const invalidClass = 'border-red-700 ring-2 ring-red-700';

/**
 * A labelled field whose errors are announced and tied to it with aria-describedby. When the
 * last answer named this field, its control gets aria-invalid and the red ring, so the user
 * sees which field the message is about.
 */
export function FormField({
  id,
  label,
  errors,
  hint,
  children,
}: {
  id: string;
  label: string;
  errors?: string[];
  hint?: string;
  children: React.ReactNode;
}) {
  const invalid = !!errors?.length;
  const control = isValidElement<ControlProps>(children)
    ? cloneElement(children, {
        'aria-invalid': invalid || undefined,
        'aria-describedby':
          children.props['aria-describedby'] ?? [hint && `${id}-hint`, `${id}-error`].filter(Boolean).join(' '),
        className: invalid ? `${children.props.className ?? ''} ${invalidClass}` : children.props.className,
      })
    : children;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {control}
      <div id={`${id}-error`} aria-live="polite" className="text-sm text-red-800">
        {errors?.map((e) => (
          <p key={e}>{e}</p>
        ))}
      </div>
    </div>
  );
}

export const inputClass = 'mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm';

export function SubmitButton({
  pending,
  children,
  pendingText,
  variant = 'primary',
}: {
  pending: boolean;
  children: React.ReactNode;
  pendingText: string;
  variant?: 'primary' | 'danger';
}) {
  const styles = variant === 'danger' ? 'bg-red-700 hover:bg-red-800' : 'bg-brand-600 hover:bg-brand-700';
  return (
    <button
      type="submit"
      disabled={pending}
      className={`rounded-md px-4 py-2 text-sm font-medium text-white disabled:opacity-60 ${styles}`}
    >
      {pending ? pendingText : children}
    </button>
  );
}

export function FormMessage({ ok, message }: { ok?: boolean; message?: string }) {
  return (
    <div
      role={ok ? 'status' : 'alert'}
      aria-live="polite"
      className={`text-sm ${ok ? 'text-emerald-800' : 'text-red-800'}`}
    >
      {message}
    </div>
  );
}

/** A form's last row: its submit button and the answer beside it. */
export function SubmitRow({
  pending,
  pendingText,
  state,
  children,
}: {
  pending: boolean;
  pendingText: string;
  state: { ok?: boolean; message?: string };
  children: React.ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-center gap-4">
      <SubmitButton pending={pending} pendingText={pendingText}>
        {children}
      </SubmitButton>
      <FormMessage ok={state.ok} message={state.message} />
    </div>
  );
}
