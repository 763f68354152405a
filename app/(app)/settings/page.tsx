import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCaller } from '@/lib/auth/session';
import { AccountSettings } from './_components/account-settings';

export const metadata: Metadata = { title: 'Settings' };

// The caller's own account: for now, their password.
export default async function SettingsPage() {
  const caller = await getCaller();
  if (!caller) redirect('/signin');
  return <AccountSettings caller={caller} />;
}
