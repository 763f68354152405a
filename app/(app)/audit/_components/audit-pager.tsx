import Link from 'next/link';
import { auditSearch, type AuditQuery } from '@/lib/schemas/audit';

function pageHref(query: AuditQuery, page: number) {
  const s = auditSearch(query, { page }).toString();
  return s ? `/audit?${s}` : '/audit';
}

// Previous and Next keep every filter in the link; only the page changes.
export function AuditPager({
  query,
  page,
  pageCount,
  total,
}: {
  query: AuditQuery;
  page: number;
  pageCount: number;
  total: number;
}) {
  const link = 'rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-100';
  const disabled = 'rounded-md border border-slate-200 px-3 py-1.5 text-slate-600';
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm"
    >
      <p>
        Page {page} of {pageCount} · {total.toLocaleString('en')} {total === 1 ? 'entry' : 'entries'}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className={link} href={pageHref(query, page - 1)} rel="prev">
            Previous<span className="sr-only"> page</span>
          </Link>
        ) : (
          <span className={disabled} aria-disabled="true">
            Previous<span className="sr-only"> page</span>
          </span>
        )}
        {page < pageCount ? (
          <Link className={link} href={pageHref(query, page + 1)} rel="next">
            Next<span className="sr-only"> page</span>
          </Link>
        ) : (
          <span className={disabled} aria-disabled="true">
            Next<span className="sr-only"> page</span>
          </span>
        )}
      </div>
    </nav>
  );
}
