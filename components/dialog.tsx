'use client';

import { useRef } from 'react';

/**
 * A button that opens a modal <dialog>: the browser traps focus inside, Escape closes it and
 * focus returns to the button. `children` gets a close function for forms that finish.
 */
export function DialogButton({ label, title, children, variant = 'secondary', testId }: {
  label: string;
  title: string;
  children: (close: () => void) => React.ReactNode;
  variant?: 'primary' | 'secondary' | 'danger';
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = () => ref.current?.close();
  const styles = {
    primary: 'bg-brand-600 text-white hover:bg-brand-700',
    secondary: 'border border-slate-300 hover:bg-slate-100',
    danger: 'border border-red-300 text-red-800 hover:bg-red-50',
  }[variant];
  return (
    <>
      <button type="button" onClick={() => ref.current?.showModal()} className={`rounded-md px-3 py-1.5 text-sm font-medium ${styles}`} data-testid={testId}>
        {label}
      </button>
      <dialog ref={ref} aria-label={title} className="m-auto w-full max-w-lg rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40">
        <div className="p-6">
          <div className="flex items-start justify-between gap-4">
            <h2 className="text-lg font-semibold">{title}</h2>
            <button type="button" onClick={close} aria-label="Close" className="rounded px-2 text-xl leading-none hover:bg-slate-100">×</button>
          </div>
          <div className="mt-4">{children(close)}</div>
        </div>
      </dialog>
    </>
  );
}
