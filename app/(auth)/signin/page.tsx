import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCaller } from '@/lib/auth/session';
import { SignInForm } from './_components/signin-form';

export const metadata: Metadata = { title: 'Sign in' };

// Only same-site paths may follow sign-in, so the page cannot be used to bounce users elsewhere.
function safeCallback(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.startsWith('/') && !v.startsWith('//') ? v : '/';
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getCaller()) redirect(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold">Sign in to Lifeboat</h1>
        <p className="mt-1 text-sm text-slate-600">Images and backups of your instances.</p>
        <SignInForm callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}
