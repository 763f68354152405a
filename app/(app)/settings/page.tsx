import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCaller } from '@/lib/auth/session';
import { AccountSettings } from './_components/account-settings';
import { ApiTokens } from './_components/api-tokens';

export const metadata: Metadata = { title: 'Settings' };

// The caller's own account: their password, and their personal access tokens (not before a
// one-time password is replaced: nothing else may be done until then).
export default async function SettingsPage() {
  const caller = await getCaller();
  if (!caller) redirect('/signin');
  return (
    <>
      <AccountSettings caller={caller} />
      {!caller.mustChangePassword && <ApiTokens />}
    </>
  );
}
