import { readAuditLog } from '@/lib/data/audit';
import type { AuditQuery } from '@/lib/schemas/audit';
import { AuditFilters } from './audit-filters';
import { AuditPager } from './audit-pager';
import { AuditTable } from './audit-table';

// The filter form and the page of entries it chose, read together: the form's choices and the
// entries come from the same scoped read.
export async function AuditView({ query }: { query: AuditQuery }) {
  const { entries, total, page, pageCount, query: shown, filterOptions } = await readAuditLog(query);
  return (
    <>
      <AuditFilters query={shown} options={filterOptions} />
      {total === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <h2 className="text-lg font-semibold">No entries match these filters.</h2>
          <p className="mt-1 text-slate-600">
            Widen the dates or choose fewer filters. Entries appear as people sign in and make changes.
          </p>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <AuditTable entries={entries} now={new Date()} />
          <AuditPager query={shown} page={page} pageCount={pageCount} total={total} />
        </div>
      )}
    </>
  );
}
