import Link from 'next/link';
import type { InstanceGuide } from '@/lib/data/instances';
import { labelsWhere } from '@/lib/providers/kinds';

const link = 'font-medium text-brand-700 underline';

// A fresh install (LIFEBOAT_DEMO=0), or a team with nothing yet: say where instances come from,
// in terms of what this caller can do about it. Only admins connect provider accounts; members
// can deploy from their team's images; viewers only look.
export function NoInstances({ guide }: { guide: InstanceGuide }) {
  return (
    <div
      className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center"
      data-testid="no-instances"
    >
      <h2 className="text-lg font-semibold">No instances yet</h2>
      <div className="mx-auto mt-2 max-w-2xl space-y-2 text-slate-700">
        {guide === 'admin' && (
          <>
            <p>
              Instances come from a provider account:{' '}
              <Link href="/admin/accounts" className={link}>
                connect a {labelsWhere((t) => t.remote)} account
              </Link>{' '}
              and Lifeboat reads its instances in, then give them to teams.
            </p>
            <p>
              Or deploy a new instance from one of the{' '}
              <Link href="/images" className={link}>
                images
              </Link>
              .
            </p>
          </>
        )}
        {guide === 'member' && (
          <>
            <p>
              Instances come from provider accounts, which an administrator connects and gives to teams: ask yours to
              give your team its instances.
            </p>
            <p>
              Or deploy a new instance from one of your team&apos;s{' '}
              <Link href="/images" className={link}>
                images
              </Link>
              .
            </p>
          </>
        )}
        {guide === 'viewer' && (
          <p>
            Instances come from provider accounts, which an administrator connects and gives to teams, and members of
            your team can deploy new ones from its{' '}
            <Link href="/images" className={link}>
              images
            </Link>
            . As a viewer you can look at them here once there are some.
          </p>
        )}
        {guide === 'no-team' && (
          <p>You are not in a team yet, so there are no instances to show. An administrator adds people to teams.</p>
        )}
      </div>
    </div>
  );
}
