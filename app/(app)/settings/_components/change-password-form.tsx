'use client';

import { useRouter } from 'next/navigation';
import { signInWithPassword } from '@/components/auth-client';
import { useKeptForm } from '@/components/use-kept-form';
import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { changePasswordAction } from '@/lib/actions/settings';
import { initialState, type ActionState } from '@/lib/actions/state';

const CHANGED: ActionState = { ok: true, message: 'Password changed.' };
// When the last change succeeded, for the form that mounts next: re-rendering with the new
// session can replace this form with another (the layout's stand-in becomes the settings page).
let changedAt = 0;
const justChanged = () => Date.now() - changedAt < 10_000;

// The change bumps the session version, which ends this session too (see lib/auth/options.ts),
// so on success the form signs in again with the new password before saying it is done.
// The policy's hint comes from the page: importing the policy here would ship its list of
// 49,000 common passwords to the browser.
export function ChangePasswordForm({ email, passwordHint }: { email: string; passwordHint: string }) {
  const router = useRouter();
  const [state, action, pending] = useKeptForm(
    async (prev: ActionState, form: FormData): Promise<ActionState> => {
      const result = await changePasswordAction(prev, form);
      if (!result.ok) return result;
      const fresh = await signInWithPassword(email, String(form.get('next') ?? ''));
      if (!fresh.ok || fresh.error) {
        router.replace('/signin?callbackUrl=%2Fsettings');
        return { ok: false, message: 'Your password was changed. Sign in again with the new password.' };
      }
      // Re-render everything with the new session (and without the "choose your own password" notice).
      changedAt = Date.now();
      router.replace('/settings');
      router.refresh();
      return CHANGED;
    },
    justChanged() ? CHANGED : initialState,
  );

  return (
    <form {...action} className="mt-4 space-y-4" aria-label="Change your password" noValidate>
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <FormField id="current" label="Current password" errors={state.errors?.current}>
        <input
          id="current"
          name="current"
          type="password"
          autoComplete="current-password"
          required
          className={inputClass}
          aria-describedby="current-error"
        />
      </FormField>
      <FormField id="next" label="New password" hint={passwordHint} errors={state.errors?.next}>
        <input
          id="next"
          name="next"
          type="password"
          autoComplete="new-password"
          required
          className={inputClass}
          aria-describedby="next-hint next-error"
        />
      </FormField>
      <FormField id="confirm" label="New password again" errors={state.errors?.confirm}>
        <input
          id="confirm"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          className={inputClass}
          aria-describedby="confirm-error"
        />
      </FormField>
      <div className="flex items-center gap-4">
        <SubmitButton pending={pending} pendingText="Changing…">
          Change password
        </SubmitButton>
        <FormMessage ok={state.ok} message={state.message} />
      </div>
    </form>
  );
}
