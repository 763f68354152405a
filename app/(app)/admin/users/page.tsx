import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { readTeams, readUsers } from '@/lib/data/admin';
import { CreateUserForm } from './_components/create-user-form';
import { UserActions } from './_components/user-actions';
import { PersonCell, Table } from '@/components/table';

export const metadata: Metadata = { title: 'Users' };

const badge = 'inline-block rounded px-2 py-0.5 text-xs font-medium';

// Everyone who can sign in: create them with a one-time password, disable, make admin, reset.
export default async function UsersPage() {
  const [users, teams] = await Promise.all([readUsers(), readTeams()]);
  if (!users || !teams) notFound();
  return (
    <>
      <h1 className="text-2xl font-semibold">Users</h1>
      <p className="mt-1 text-sm text-slate-600">
        Admins run the console; everyone else acts through their teams, as a member or a viewer.
      </p>

      <section aria-labelledby="create-user-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="create-user-heading" className="text-lg font-semibold">
          Create user
        </h2>
        <p className="mb-4 text-sm text-slate-600">
          They get a one-time password, shown here once, and must choose their own at first sign-in.
        </p>
        <CreateUserForm teams={teams.map((t) => ({ id: t.id, name: t.name }))} />
      </section>

      <Table caption={`All users (${users.length})`} columns={['User', 'Role', 'Teams', 'Status', 'Actions']}>
        {users.map((u) => (
          <tr key={u.id} className="border-b border-slate-100 align-top last:border-0" data-testid="user-row">
            <PersonCell name={u.name} note={u.isYou && 'you'} email={u.email} />
            <td className="px-3 py-3">
              {u.isAdmin ? <span className={`${badge} bg-slate-100 text-slate-900`}>Admin</span> : 'User'}
            </td>
            <td className="px-3 py-3">
              {u.teams.length === 0 ? (
                <span className="text-slate-600">None</span>
              ) : (
                <ul>
                  {u.teams.map((t) => (
                    <li key={t.id}>
                      <Link href={`/admin/teams/${t.id}`} className="text-brand-700 underline">
                        {t.name}
                      </Link>{' '}
                      <span className="text-slate-600">({t.role})</span>
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td className="px-3 py-3" data-testid="user-status">
              {u.disabled ? (
                <span className={`${badge} bg-red-50 text-red-800`}>Disabled</span>
              ) : (
                <span className={`${badge} bg-emerald-50 text-emerald-800`}>Active</span>
              )}
              {u.mustChangePassword && <div className="mt-1 text-xs text-slate-600">Must change password</div>}
            </td>
            <td className="px-3 py-3">
              <UserActions user={u} />
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}
