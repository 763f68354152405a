import type { Metadata } from 'next';
import { Suspense } from 'react';
import { requireCaller } from '@/lib/auth/session';
import { TableSkeleton } from '@/components/skeleton';
import { AUDIT_PAGE_SIZE, auditSearch, parseAuditQuery } from '@/lib/schemas/audit';
import { AuditView } from './_components/audit-view';

export const metadata: Metadata = { title: 'Audit log' };

// Who changed what, newest first. The URL holds the filters and the page; the export link
// carries the same filters (not the page: the file holds every matching entry).
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Before anything streams, so a signed-out caller or one who must replace a one-time
  // password gets a plain redirect rather than a shell (the reads below check again).
  await requireCaller();
  const query = parseAuditQuery(await searchParams);
  const exportSearch = auditSearch(query, { page: 1, size: AUDIT_PAGE_SIZE }).toString();
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Audit log</h1>
          <p className="mt-1 text-sm text-slate-600">
            Changes and sign-in attempts, newest first. Times are in your time zone; point at one for UTC.
          </p>
        </div>
        {/* A plain link: the export is a file download, not a page to route to. */}
        <a
          href={`/api/audit/export${exportSearch ? `?${exportSearch}` : ''}`}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
        >
          Download CSV
        </a>
      </div>
      {/* Keyed by the query so the form's fields reset to the URL after each navigation. */}
      <Suspense key={JSON.stringify(query)} fallback={<TableSkeleton label="Loading audit entries…" />}>
        <AuditView query={query} />
      </Suspense>
    </>
  );
}
