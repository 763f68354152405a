import { PASSWORD_HINT } from '@/lib/domain/password-policy';
import { ChangePasswordForm } from './change-password-form';

// The caller's own settings: the only page a caller who still has a one-time password from an
// admin may see (requireCaller in lib/auth/session.ts sends them here from every other).
export function AccountSettings({ caller }: { caller: { email: string; mustChangePassword: boolean } }) {
  return (
    <>
      <h1 className="text-2xl font-semibold">Settings</h1>
      <p className="mt-1 text-sm text-slate-600">Signed in as {caller.email}.</p>
      {caller.mustChangePassword && (
        <p className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Choose your own password to continue.
        </p>
      )}
      <section
        aria-labelledby="password-heading"
        className="mt-6 max-w-md rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="password-heading" className="text-lg font-semibold">
          Change your password
        </h2>
        <p className="mt-1 text-sm text-slate-600">Changing it signs you out everywhere else.</p>
        <ChangePasswordForm email={caller.email} passwordHint={PASSWORD_HINT} />
      </section>
    </>
  );
}
