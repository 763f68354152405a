import { count, type CheckResult, type RebuildResult } from '@/lib/domain/store-reports';

// The reports of "Check stores" and "Rebuild from stores", one entry per store, in plain words.
// Long lists arrive cut (lib/domain/store-reports.ts); the CLI prints them whole.

export const BUSY = 'This runs while you wait, not as a job: keep this page open until the report shows.';

function More({ n, one, many, command }: { n: number; one: string; many: string; command: string }) {
  if (n <= 0) return null;
  return (
    <li className="text-slate-700">
      …and {count(n, one, many)} more: <code>npm run store -- {command}</code> on the host lists them all.
    </li>
  );
}

function StoreHeading({ label, location }: { label: string; location: string }) {
  return (
    <p>
      <span className="font-semibold">{label}</span>{' '}
      <span className="break-all font-mono text-xs text-slate-700">{location || '(could not be opened)'}</span>
    </p>
  );
}

export function CheckReportList({ result }: { result: CheckResult }) {
  return (
    <ul
      className="mt-3 space-y-3 text-sm"
      aria-label={result.deep ? 'Deep check report' : 'Check report'}
      data-testid="check-report"
    >
      {result.stores.map((s) => (
        <li key={s.scope} className="rounded-md border border-slate-200 p-3" data-testid="check-store">
          <StoreHeading label={s.label} location={s.location} />
          <p>
            {count(s.manifests, 'manifest')} and {count(s.chunks, 'chunk')};{' '}
            {s.problems.length ? (
              <span className="font-medium text-red-800">{count(s.problems.length + s.moreProblems, 'problem')}:</span>
            ) : (
              <span className="text-emerald-800">no problems.</span>
            )}
          </p>
          {s.problems.length > 0 && (
            <ul className="mt-1 list-inside list-disc text-red-800">
              {s.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
              <More n={s.moreProblems} one="problem" many="problems" command="check" />
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

export function RebuildReportList({ result }: { result: RebuildResult }) {
  return (
    <ul className="mt-3 space-y-3 text-sm" aria-label="Rebuild report" data-testid="rebuild-report">
      {result.stores.map((s) => (
        <li key={s.scope} className="rounded-md border border-slate-200 p-3" data-testid="rebuild-store">
          <StoreHeading label={s.label} location={s.location} />
          {s.error ? (
            <p className="font-medium text-red-800">
              This store could not be read, so nothing in it was recovered: {s.error}
            </p>
          ) : (
            <p>
              {count(s.manifests, 'manifest')}, {s.alreadyKnown.toLocaleString('en')} already known. Recovered{' '}
              {count(s.recovered.images, 'image')}, {count(s.recovered.backups, 'backup')},{' '}
              {count(s.recovered.instances, 'instance')} and {count(s.recovered.teams, 'team')}.
            </p>
          )}
          {s.orphans.length > 0 && (
            <>
              <p className="mt-1 font-medium text-amber-900">
                {count(s.orphans.length + s.moreOrphans, 'copy', 'copies')} could not be placed and stay in the store,
                untouched:
              </p>
              <ul className="mt-1 list-inside list-disc text-amber-900">
                {s.orphans.map((o) => (
                  <li key={o.id}>
                    <code>{o.id}</code>: {o.why}
                  </li>
                ))}
                <More n={s.moreOrphans} one="copy" many="copies" command="rebuild" />
              </ul>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
