'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { DialogButton, useCloseOnSuccess, useDialogClose } from '@/components/dialog';
import { FormMessage, SubmitButton } from '@/components/form-field';
import { initialState, type ActionState } from '@/lib/actions/state';
import { disableUserAction, enableUserAction, resetPasswordAction, setAdminAction } from '@/lib/actions/users';
import type { UserRow } from '@/lib/data/admin';
import { OneTimePassword } from './one-time-password';

// A user row's buttons. Every button's accessible name ends with the user's email, so each is
// distinct on the page ("Disable ann@example.com"); the dialog buttons show it, the others
// carry it in aria-label. No one is offered the buttons that would lock themselves out.

const small =
  'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50';

export function UserActions({ user }: { user: UserRow }) {
  const [enableState, enable, enabling] = useKeptForm(enableUserAction, initialState);
  const [adminState, setAdmin, settingAdmin] = useKeptForm(setAdminAction, initialState);
  const adminLabel = user.isAdmin ? 'Remove admin' : 'Make admin';
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {user.disabled ? (
          <form {...enable}>
            <input type="hidden" name="userId" value={user.id} />
            <button type="submit" disabled={enabling} aria-label={`Enable ${user.email}`} className={small}>
              Enable
            </button>
          </form>
        ) : (
          !user.isYou && (
            <DialogButton label={`Disable ${user.email}`} title={`Disable ${user.email}?`} variant="danger">
              <DisableForm user={user} />
            </DialogButton>
          )
        )}
        {!(user.isYou && user.isAdmin) && (
          <form {...setAdmin}>
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="isAdmin" value={user.isAdmin ? 'false' : 'true'} />
            <button type="submit" disabled={settingAdmin} aria-label={`${adminLabel} ${user.email}`} className={small}>
              {adminLabel}
            </button>
          </form>
        )}
        {!user.isYou && (
          <DialogButton label={`Reset password ${user.email}`} title={`Reset the password of ${user.email}?`}>
            <ResetPasswordForm user={user} />
          </DialogButton>
        )}
      </div>
      {[enableState, adminState].map((s, i) => s.message && <FormMessage key={i} ok={s.ok} message={s.message} />)}
    </div>
  );
}

function DisableForm({ user }: { user: UserRow }) {
  const [state, action, pending] = useKeptForm(disableUserAction, initialState);
  useCloseOnSuccess(state.ok);
  return (
    <form {...action} className="space-y-4">
      <input type="hidden" name="userId" value={user.id} />
      <p className="text-sm">
        {user.name} is signed out at once and cannot sign in until enabled again. Their team memberships and everything
        they made stay.
      </p>
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton pending={pending} pendingText="Disabling…" variant="danger">
        Yes, disable the account
      </SubmitButton>
    </form>
  );
}

// Stays open on success to show the new one-time password once.
function ResetPasswordForm({ user }: { user: UserRow }) {
  const [state, action, pending] = useKeptForm(
    resetPasswordAction,
    initialState as ActionState<{ email: string; password: string }>,
  );
  const close = useDialogClose();
  if (state.ok && state.data) {
    return (
      <div className="space-y-4">
        <OneTimePassword email={state.data.email} password={state.data.password} />
        <button type="button" onClick={close} className={small}>
          Done
        </button>
      </div>
    );
  }
  return (
    <form {...action} className="space-y-4">
      <input type="hidden" name="userId" value={user.id} />
      <p className="text-sm">
        {user.name} is signed out everywhere and gets a one-time password in place of the current one. They must choose
        a new password at first sign-in.
      </p>
      <FormMessage message={state.message} />
      <SubmitButton pending={pending} pendingText="Resetting…">
        Yes, reset the password
      </SubmitButton>
    </form>
  );
}
