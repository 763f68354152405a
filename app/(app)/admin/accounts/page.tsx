import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { readAccounts } from '@/lib/data/accounts';
import { AccountLimitsForm } from './_components/account-limits-form';
import { AccountTokenForm } from './_components/account-token-form';
import { CreateAccountForm } from './_components/create-account-form';
import { RemoteAccount } from './_components/remote-account';

export const metadata: Metadata = { title: 'Provider accounts' };

// The limits the service we model sets per account (the image ceiling and count, and the
// price), each account's API token (set or not; never its value), and new accounts.
export default async function AccountsPage() {
  const accounts = await readAccounts();
  if (!accounts) notFound();
  return (
    <>
      <h1 className="text-2xl font-semibold">Provider accounts</h1>
      <p className="mt-1 text-sm text-slate-600">Limits apply to new captures; images that exist are kept.</p>
      <ul className="mt-4 space-y-4">
        {accounts.map((a) => (
          <li key={a.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="text-lg font-semibold">
              {a.name}{' '}
              <span className="text-sm font-normal text-slate-600">
                ({a.kind}, {a.images} {a.images === 1 ? 'image' : 'images'})
              </span>
            </h2>
            {a.apiBaseUrl && <p className="text-sm text-slate-600">API: {a.apiBaseUrl}</p>}
            <AccountLimitsForm account={a} />
            <AccountTokenForm account={a} />
            {a.remote && <RemoteAccount account={{ ...a, remote: a.remote }} />}
          </li>
        ))}
      </ul>
      <section aria-labelledby="new-account" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="new-account" className="text-lg font-semibold">
          Add an account
        </h2>
        <CreateAccountForm />
      </section>
    </>
  );
}
