import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { readTeam } from '@/lib/data/admin';
import { AddMemberForm, MemberRow } from './_components/members';
import { PolicyForm, QuotaForm, RenameTeamForm } from './_components/team-settings';
import { Table } from '@/components/table';

export const metadata: Metadata = { title: 'Team' };

const section = 'mt-6 rounded-lg border border-slate-200 bg-white p-4';

// One team: its name, members and their roles, quotas against usage, and its policies.
export default async function TeamPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const team = await readTeam(id);
  if (!team) notFound();
  const ref = { id: team.id, name: team.name };
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/admin/teams" className="text-brand-700 underline">
          Teams
        </Link>{' '}
        <span aria-hidden="true">/</span> {team.name}
      </nav>
      <h1 className="text-2xl font-semibold">{team.name}</h1>

      <section aria-labelledby="team-name-heading" className={section}>
        <h2 id="team-name-heading" className="mb-2 text-lg font-semibold">
          Name
        </h2>
        <RenameTeamForm team={ref} />
      </section>

      <section aria-labelledby="members-heading" className={section}>
        <h2 id="members-heading" className="text-lg font-semibold">
          Members
        </h2>
        <p className="text-sm text-slate-600">
          Members act on the team&apos;s instances, images and backups; viewers only look.
        </p>
        {team.members.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">No members yet.</p>
        ) : (
          <Table
            className="mt-3 overflow-x-auto"
            label={`Members of ${team.name}`}
            columns={['Member', 'Role', 'Remove']}
          >
            {team.members.map((m) => (
              <MemberRow key={m.id} team={ref} member={m} />
            ))}
          </Table>
        )}
        {team.holding ? (
          <p className="mt-3 text-sm text-slate-700" data-testid="holding-team">
            This team holds a provider account&apos;s instances that no team has been given yet, so only admins see
            them. It takes no members: assign its instances to a team under{' '}
            <Link href="/admin/accounts" className="text-brand-700 underline">
              Provider accounts
            </Link>{' '}
            instead.
          </p>
        ) : (
          <>
            <h3 className="mt-6 mb-2 font-semibold">Add member</h3>
            <AddMemberForm team={ref} />
          </>
        )}
      </section>

      <section aria-labelledby="quotas-heading" className={section}>
        <h2 id="quotas-heading" className="mb-2 text-lg font-semibold">
          Quotas
        </h2>
        <QuotaForm team={team} />
      </section>

      <section aria-labelledby="policies-heading" className={section}>
        <h2 id="policies-heading" className="mb-2 text-lg font-semibold">
          Policies
        </h2>
        <PolicyForm team={team} />
      </section>
    </>
  );
}
