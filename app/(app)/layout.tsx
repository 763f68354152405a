import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getCaller } from '@/lib/auth/session';
import { displayRole } from '@/lib/auth/permissions';
import { NavLink } from '@/components/nav-link';
import { QueryProvider } from '@/components/query-provider';
import { SignOutButton } from '@/components/sign-out-button';

// The signed-in shell. Pages check the session again in their own data reads: a layout does
// not re-run on every navigation, so it cannot be the only gate.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // The shell shows only the caller's own name, so it is drawn for a user who must still
  // replace an admin's one-time password too (Settings lives in it). Their data is refused
  // where the caller is resolved: requireCaller (lib/auth/session.ts), which every page and
  // read calls, sends them to /settings, and the API routes answer 403.
  const caller = await getCaller();
  if (!caller) redirect('/signin');
  // The job queries (progress panels, lists that refresh while busy) are all in here; the
  // sign-in page loads no query client.
  return (
    <QueryProvider>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
          <Link href="/" className="text-lg font-semibold text-brand-700">
            Lifeboat
          </Link>
          <nav aria-label="Main" className="flex gap-1">
            <NavLink href="/">Overview</NavLink>
            <NavLink href="/instances">Instances</NavLink>
            <NavLink href="/images">Images</NavLink>
            <NavLink href="/activity">Activity</NavLink>
            <NavLink href="/audit">Audit log</NavLink>
            <NavLink href="/alerts">Alerts</NavLink>
            {caller.isAdmin && <NavLink href="/admin">Admin</NavLink>}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <Link href="/settings" className="rounded px-1 hover:underline">
              {caller.name} <span className="text-slate-600">({displayRole(caller)})</span>
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </QueryProvider>
  );
}
