import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { readTeams } from '@/lib/data/admin';
import { CreateTeamForm } from './_components/create-team-form';
import { Table } from '@/components/table';

export const metadata: Metadata = { title: 'Teams' };

const used = (n: number, max: number | null) => (max === null ? `${n} (no limit)` : `${n} of ${max}`);

// Teams own instances and images; their members act on them, their viewers look.
export default async function TeamsPage() {
  const teams = await readTeams();
  if (!teams) notFound();
  return (
    <>
      <h1 className="text-2xl font-semibold">Teams</h1>
      <p className="mt-1 text-sm text-slate-600">Open a team to manage its members, quotas and policies.</p>

      <section aria-labelledby="create-team-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="create-team-heading" className="mb-2 text-lg font-semibold">
          Create team
        </h2>
        <CreateTeamForm />
      </section>

      {teams.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">
          No teams yet. Create the first one above.
        </p>
      ) : (
        <Table
          caption={`All teams (${teams.length})`}
          columns={['Team', 'Members', 'Instances', 'Images', 'Backups required']}
        >
          {teams.map((t) => (
            <tr key={t.id} className="border-b border-slate-100 last:border-0" data-testid="team-row">
              <th scope="row" className="px-3 py-3 font-medium">
                <Link href={`/admin/teams/${t.id}`} className="text-brand-700 underline">
                  {t.name}
                </Link>
                {t.holding && (
                  <div className="text-xs font-normal text-slate-600">Unassigned instances, admins only</div>
                )}
              </th>
              <td className="px-3 py-3">{t.members}</td>
              <td className="px-3 py-3">{used(t.instances, t.maxInstances)}</td>
              <td className="px-3 py-3">{used(t.images, t.maxImages)}</td>
              <td className="px-3 py-3">{t.backupsRequired ? 'Yes' : 'No'}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
