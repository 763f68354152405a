'use client';

import { DialogButton, useCloseOnSuccess } from '@/components/dialog';
import { FormMessage, SubmitButton } from '@/components/form-field';
import { LocalTime } from '@/components/local-time';
import { Table } from '@/components/table';
import { useKeptForm } from '@/components/use-kept-form';
import { revokeApiTokenAction } from '@/lib/actions/api-tokens';
import { initialState } from '@/lib/actions/state';
import type { TokenRow } from '@/lib/data/api-tokens';

// Personal access tokens as a table, in Settings (the caller's own) and in the admin console
// (everyone's, with whose each is). Revoking asks first: a script using the token stops at once.

const badge = 'inline-block rounded px-2 py-0.5 text-xs font-medium';

function stateOf(t: TokenRow) {
  if (t.revokedAt) return <span className={`${badge} bg-slate-100 text-slate-800`}>Revoked</span>;
  if (t.expired) return <span className={`${badge} bg-amber-50 text-amber-900`}>Expired</span>;
  return <span className={`${badge} bg-emerald-50 text-emerald-900`}>Active</span>;
}

export function TokenTable({
  tokens,
  teams,
  withOwner = false,
}: {
  tokens: TokenRow[];
  teams: { id: string; name: string }[];
  withOwner?: boolean;
}) {
  const teamName = (id: string) => teams.find((t) => t.id === id)?.name ?? 'a team no longer there';
  const columns = [...(withOwner ? ['User'] : []), 'Name', 'Access', 'Expires', 'Last used', 'State', 'Actions'];
  return (
    <Table label="Personal access tokens" columns={columns}>
      {tokens.map((t) => (
        <tr key={t.id} className="border-b border-slate-100 align-top last:border-0" data-testid="token-row">
          {withOwner && <td className="px-3 py-3">{t.user.email}</td>}
          <th scope="row" className="px-3 py-3 font-normal">
            <div className="font-medium">{t.name}</div>
            <code className="text-xs text-slate-600">{t.prefix}…</code>
          </th>
          <td className="px-3 py-3">
            {t.scope === 'write' ? 'Read and write' : 'Read only'}
            <div className="text-xs text-slate-600">
              {t.teamIds ? `Only ${t.teamIds.map(teamName).join(', ')}` : 'Every team of the user'}
            </div>
          </td>
          <td className="px-3 py-3">{t.expiresAt ? <LocalTime iso={t.expiresAt} /> : 'Never'}</td>
          <td className="px-3 py-3">
            {t.lastUsedAt ? (
              <>
                <LocalTime iso={t.lastUsedAt} />
                {t.lastUsedIp && <div className="text-xs text-slate-600">from {t.lastUsedIp}</div>}
              </>
            ) : (
              'Never'
            )}
          </td>
          <td className="px-3 py-3">{stateOf(t)}</td>
          <td className="px-3 py-3">
            {!t.revokedAt && (
              <DialogButton label={`Revoke ${t.name}`} title={`Revoke the token ${t.name}?`} variant="danger">
                <RevokeForm token={t} />
              </DialogButton>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}

function RevokeForm({ token }: { token: TokenRow }) {
  const [state, action, pending] = useKeptForm(revokeApiTokenAction, initialState);
  useCloseOnSuccess(state.ok);
  return (
    <form {...action} className="space-y-4">
      <input type="hidden" name="tokenId" value={token.id} />
      <p className="text-sm">
        Anything using {token.prefix}… (a script, a CI job, the lifeboat command) is refused from now on. This cannot be
        undone: make a new token to replace it.
      </p>
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton pending={pending} pendingText="Revoking…" variant="danger">
        Yes, revoke the token
      </SubmitButton>
    </form>
  );
}
