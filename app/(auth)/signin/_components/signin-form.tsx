'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { signInWithPassword } from '@/components/auth-client';
import { returnPath } from '@/lib/http/return-path';

// Credentials go to next-auth's own endpoint; a mismatch comes back as an error we show in words.
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    startTransition(async () => {
      const result = await signInWithPassword(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
      if (result.error) {
        // A throttled attempt comes back with the throttle's own message; any other is a mismatch.
        setError(result.error.startsWith('Too many') ? result.error : 'Wrong email or password.');
        return;
      }
      // The page sent a safe path already; checked again against the page's own origin so the
      // form can never be the one that leaves the app.
      router.replace(returnPath(callbackUrl, window.location.origin));
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-describedby="signin-error"
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby="signin-error"
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
        />
      </div>
      <div id="signin-error" aria-live="polite" className="min-h-5 text-sm text-red-700">
        {error}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
