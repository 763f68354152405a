import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { readAdminSummary } from '@/lib/data/admin';

export const metadata: Metadata = { title: 'Admin console' };

// The console's front page: what there is to run, one link each.
export default async function AdminPage() {
  const summary = await readAdminSummary();
  if (!summary) notFound();
  const cards = [
    {
      label: 'Users',
      value: summary.users,
      note: summary.disabledUsers ? `${summary.disabledUsers} disabled` : 'Create, disable, reset passwords',
      href: '/admin/users',
      link: 'Manage users',
    },
    {
      label: 'Teams',
      value: summary.teams,
      note: 'Members, quotas and policies',
      href: '/admin/teams',
      link: 'Manage teams',
    },
    {
      label: 'Provider accounts',
      value: summary.accounts,
      note: 'Image ceiling, image limit and price',
      href: '/admin/accounts',
      link: 'Manage provider accounts',
    },
  ];
  return (
    <>
      <h1 className="text-2xl font-semibold">Admin console</h1>
      <p className="mt-1 text-sm text-slate-600">Every change made here is written to the audit log.</p>
      <ul className="mt-4 grid grid-cols-1 gap-4 md:grid-cols-3">
        {cards.map((c) => (
          <li key={c.label} className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="text-sm text-slate-600">{c.label}</h2>
            <p className="text-3xl font-semibold" data-testid={`admin-count-${c.href.split('/').pop()}`}>
              {c.value.toLocaleString('en')}
            </p>
            <p className="text-sm text-slate-600">{c.note}</p>
            <Link href={c.href} className="mt-2 inline-block font-medium text-brand-700 underline">
              {c.link}
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-6 text-sm">
        <Link href="/audit" className="font-medium text-brand-700 underline">
          Open the audit log
        </Link>
      </p>
    </>
  );
}
