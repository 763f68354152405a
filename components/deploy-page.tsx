import Link from 'next/link';
import { DeployForm, type DeployAction, type DeployFormData } from '@/components/deploy-form';

// The page around the deploy form, the same for an image and a backup: where it comes from, what
// it holds, and in words why it cannot be deployed when it cannot.
export function DeployPage({
  crumb,
  title,
  about,
  refusal,
  deploy,
  source,
  choices,
  region,
}: {
  /** The list it was reached from, and the name of what is deployed. */
  crumb: { href: string; label: string; here: string };
  title: string;
  about: string;
  /** Why this one cannot be deployed, or null when it can. */
  refusal: string | null;
  deploy: DeployAction;
  /** The hidden field naming what is deployed. */
  source: DeployFormData['source'];
  /** What the reader offers to choose from (only these fields reach the browser). */
  choices: Pick<DeployFormData, 'teams' | 'defaultTeamId' | 'regions' | 'plans' | 'rootPasswordSetBy'>;
  /** The region preselected, and whether it is the only one. */
  region: { default: string; fixed?: boolean };
}) {
  const form: DeployFormData = {
    source,
    teams: choices.teams,
    defaultTeamId: choices.defaultTeamId,
    regions: choices.regions,
    plans: choices.plans,
    rootPasswordSetBy: choices.rootPasswordSetBy,
    defaultRegion: region.default,
    fixedRegion: region.fixed,
  };
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={crumb.href} className="text-brand-700 underline">
          {crumb.label}
        </Link>{' '}
        <span aria-hidden="true">/</span> {crumb.here}
      </nav>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-1 text-sm text-slate-600">{about}</p>
      {refusal || choices.teams.length === 0 ? (
        <p role="alert" className="mt-4 text-red-800">
          {refusal ?? 'You are not a member of any team you could deploy into.'}
        </p>
      ) : (
        <DeployForm deploy={deploy} form={form} />
      )}
    </>
  );
}
