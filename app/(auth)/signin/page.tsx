import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCaller } from '@/lib/auth/session';
import { PLACEHOLDER_ORIGIN, returnPath } from '@/lib/http/return-path';
import { SignInForm } from './_components/signin-form';

export const metadata: Metadata = { title: 'Sign in' };

// Only a page of this app may follow sign-in, so the page cannot be used to bounce users
// elsewhere (lib/http/return-path.ts decides); the public URL, when set, lets an absolute
// address of the app itself through too.
function safeCallback(value: string | string[] | undefined): string {
  return returnPath(value, process.env.NEXTAUTH_URL || PLACEHOLDER_ORIGIN);
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
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
