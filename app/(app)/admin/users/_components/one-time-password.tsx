// Shown once, right after the action that made it: the page keeps no copy, so the admin must
// pass it on now. select-all lets one click select the whole password for copying.
export function OneTimePassword({ email, password }: { email: string; password: string }) {
  return (
    <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm text-slate-900">
      <p>
        One-time password for <strong>{email}</strong>:{' '}
        <code
          data-testid="one-time-password"
          className="select-all rounded bg-white px-2 py-1 font-mono text-base tracking-wide ring-1 ring-emerald-300"
        >
          {password}
        </code>{' '}
        — they must change it at first sign-in.
      </p>
      <p className="mt-1 text-slate-700">Copy it now and pass it on safely: it is not shown again.</p>
    </div>
  );
}
