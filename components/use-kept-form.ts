'use client';

import { useActionState, useEffect, useRef, useTransition, type FormEvent } from 'react';
import type { ActionState } from '@/lib/actions/state';

/**
 * useActionState for a <form>, without React 19's reset after every action: that reset emptied
 * every refused form (typed labels, typed confirmations, the chosen restore target), so the user
 * had to start again to fix one field. Here the form submits itself (so React does not reset it),
 * is reset after a success (what React did), and after a refusal keeps what was typed except
 * passwords, which are cleared: a password is never kept in or sent back to the page.
 * Spread the second element on the form: <form {...form}>. `action` stays for browsers without JS.
 */
export function useKeptForm<S extends ActionState>(
  run: (prev: Awaited<S>, data: FormData) => S | Promise<S>,
  initial: Awaited<S>,
) {
  const [state, formAction, pending] = useActionState<S, FormData>(run, initial);
  const [, startTransition] = useTransition();
  const ref = useRef<HTMLFormElement>(null);
  const submitted = useRef(false);
  useEffect(() => {
    const form = ref.current;
    if (!submitted.current || !form) return;
    submitted.current = false;
    if (state.ok) form.reset();
    else form.querySelectorAll<HTMLInputElement>('input[type="password"]').forEach((input) => (input.value = ''));
  }, [state]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The pressed button's name and value come with the data, as in a plain submission.
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    submitted.current = true;
    startTransition(() => formAction(data));
  };
  return [state, { ref, action: formAction, onSubmit }, pending] as const;
}
