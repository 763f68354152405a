import Link from 'next/link';
import type { InstanceListQuery } from '@/lib/schemas/instances';
import { listHref } from './list-url';

export function Pagination({
  query,
  page,
  pageCount,
  total,
  shown,
}: {
  query: InstanceListQuery;
  page: number;
  pageCount: number;
  total: number;
  shown: number;
}) {
  const first = (page - 1) * query.size + 1;
  const link = 'rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-100';
  const disabled = 'rounded-md border border-slate-200 px-3 py-1.5 text-slate-500';
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm"
    >
      <p>
        Showing {first}–{first + shown - 1} of {total.toLocaleString('en')} · page {page} of {pageCount}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className={link} href={listHref(query, { page: page - 1 })} rel="prev">
            Previous
          </Link>
        ) : (
          <span className={disabled} aria-disabled="true">
            Previous
          </span>
        )}
        {page < pageCount ? (
          <Link className={link} href={listHref(query, { page: page + 1 })} rel="next">
            Next
          </Link>
        ) : (
          <span className={disabled} aria-disabled="true">
            Next
          </span>
        )}
      </div>
    </nav>
  );
}
