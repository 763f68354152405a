'use client';

import { createContext, useContext, useEffect, useRef } from 'react';

const CloseContext = createContext<() => void>(() => {});

/** Closes the dialog a form sits in (for forms that finish, such as an edit). */
export function useDialogClose() {
  return useContext(CloseContext);
}

/** Closes the dialog once the form's action has succeeded (a confirmation that is done). */
export function useCloseOnSuccess(ok: boolean) {
  const close = useDialogClose();
  useEffect(() => {
    if (ok) close();
  }, [ok, close]);
}

/**
 * A button that opens a modal <dialog>: the browser traps focus inside, Escape closes it and
 * focus returns to the button. Forms inside close it with useDialogClose().
 */
export function DialogButton({
  label,
  title,
  children,
  variant = 'secondary',
  testId,
  disabled = false,
}: {
  label: string;
  disabled?: boolean;
  title: string;
  children: React.ReactNode;
  variant?: 'primary' | 'secondary' | 'danger';
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = () => ref.current?.close();
  // React keeps a component that stays in the same place, open <dialog> and all: when the
  // buttons around change ("Enable backups" gives way to "Take snapshot" once enabled), this
  // one would stay open as a dialog no one asked for. A dialog that now stands for something
  // else (a new title) is closed instead.
  useEffect(() => {
    const dialog = ref.current;
    return () => dialog?.close();
  }, [title]);
  const styles = {
    primary: 'bg-brand-600 text-white hover:bg-brand-700',
    secondary: 'border border-slate-300 hover:bg-slate-100',
    danger: 'border border-red-300 text-red-800 hover:bg-red-50',
  }[variant];
  return (
    <>
      <button
        type="button"
        disabled={disabled}
        onClick={() => ref.current?.showModal()}
        className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-50 ${styles}`}
        data-testid={testId}
      >
        {label}
      </button>
      <dialog
        ref={ref}
        aria-label={title}
        className="m-auto w-full max-w-lg rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="p-6">
          <div className="flex items-start justify-between gap-4">
            <h2 className="text-lg font-semibold">{title}</h2>
            <button
              type="button"
              onClick={close}
              aria-label="Close"
              className="rounded px-2 text-xl leading-none hover:bg-slate-100"
            >
              ×
            </button>
          </div>
          <CloseContext.Provider value={close}>
            <div className="mt-4">{children}</div>
          </CloseContext.Provider>
        </div>
      </dialog>
    </>
  );
}
