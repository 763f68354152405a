'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { FormField, inputClass, SubmitRow } from '@/components/form-field';
import { initialState } from '@/lib/actions/state';
import { setSmtpAction } from '@/lib/actions/alerts';
import { SMTP_SECURITY, SMTP_SECURITY_LABELS } from '@/lib/domain/alerts/email';

type Smtp = { host: string; port: number | null; security: string; user: string; passwordSet: boolean; from: string };

// The SMTP server email alerts go through. The password is write-only: the page only knows
// whether one is set, and leaving the field blank keeps it.
export function SmtpForm({ smtp }: { smtp: Smtp }) {
  const [state, action, pending] = useKeptForm(setSmtpAction, initialState);
  const e = state.errors ?? {};
  return (
    <form {...action} aria-label="SMTP server" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="smtp-host" label="Host" errors={e.host}>
          <input
            id="smtp-host"
            name="host"
            defaultValue={smtp.host}
            autoComplete="off"
            required
            className={inputClass}
          />
        </FormField>
        <FormField id="smtp-port" label="Port" errors={e.port}>
          <input
            id="smtp-port"
            name="port"
            inputMode="numeric"
            defaultValue={smtp.port ?? 587}
            required
            className={inputClass}
          />
        </FormField>
        <FormField id="smtp-security" label="Encryption" errors={e.security}>
          <select id="smtp-security" name="security" defaultValue={smtp.security} className={inputClass}>
            {SMTP_SECURITY.map((s) => (
              <option key={s} value={s}>
                {SMTP_SECURITY_LABELS[s]}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="smtp-from" label="From address" errors={e.from}>
          <input
            id="smtp-from"
            name="from"
            type="email"
            defaultValue={smtp.from}
            autoComplete="off"
            required
            className={inputClass}
          />
        </FormField>
        <FormField id="smtp-user" label="User name (optional)" errors={e.user}>
          <input id="smtp-user" name="user" defaultValue={smtp.user} autoComplete="off" className={inputClass} />
        </FormField>
        <FormField
          id="smtp-password"
          label="Password"
          hint={smtp.passwordSet ? 'A password is set; leave blank to keep it.' : 'No password is set.'}
          errors={e.password}
        >
          <input
            id="smtp-password"
            name="password"
            type="password"
            autoComplete="new-password"
            className={inputClass}
          />
        </FormField>
      </div>
      {smtp.passwordSet && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="clearPassword" className="h-4 w-4" />
          Remove the stored password
        </label>
      )}
      <p className="text-sm text-slate-600">
        The password is stored encrypted with LIFEBOAT_SECRET_KEY and never shown again.
      </p>
      <SubmitRow pending={pending} pendingText="Saving…" state={state}>
        Save SMTP server
      </SubmitRow>
    </form>
  );
}
