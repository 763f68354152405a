import type { ReactNode } from 'react';

// The box an admin ticks before a store changes address while copies sit in the old one: those
// copies stay where they are, and the form says so before anything is saved.
export function ConfirmMove({ id, errors, children }: { id: string; errors?: string[]; children: ReactNode }) {
  return (
    <div>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name="confirmMove"
          className="mt-0.5 h-4 w-4"
          aria-describedby={id}
          aria-invalid={!!errors || undefined}
        />
        <span>{children}</span>
      </label>
      <div id={id} aria-live="polite" className="text-sm text-red-800">
        {errors?.map((e) => (
          <p key={e}>{e}</p>
        ))}
      </div>
    </div>
  );
}
