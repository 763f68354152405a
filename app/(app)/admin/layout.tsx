import { notFound } from 'next/navigation';
import { NavLink } from '@/components/nav-link';
import { can } from '@/lib/auth/permissions';
import { requireCaller } from '@/lib/auth/session';

// The admin console's frame. Non-admins get "not found" (the console's existence is no secret,
// but its pages are). Each page's data read checks again: a layout does not re-run on every
// navigation, so it cannot be the only gate.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const caller = await requireCaller();
  if (!can(caller, 'admin')) notFound();
  return (
    <>
      <nav aria-label="Admin console" className="mb-6 flex flex-wrap gap-1 border-b border-slate-200 pb-3">
        <NavLink href="/admin/users">Users</NavLink>
        <NavLink href="/admin/teams">Teams</NavLink>
        <NavLink href="/admin/accounts">Provider accounts</NavLink>
        <NavLink href="/admin/storage">Storage</NavLink>
        <NavLink href="/admin/tokens">Access tokens</NavLink>
        <NavLink href="/admin/alerts">Alerts</NavLink>
        <NavLink href="/admin/metrics">Metrics</NavLink>
        <NavLink href="/audit">Audit log</NavLink>
      </nav>
      {children}
    </>
  );
}
