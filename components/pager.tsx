import Link from 'next/link';
import type { ReactNode } from 'react';

const link = 'rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-100';
const disabled = 'rounded-md border border-slate-200 px-3 py-1.5 text-slate-600';

function Step({ href, rel, children }: { href: string | null; rel: 'prev' | 'next'; children: string }) {
  const name = (
    <>
      {children}
      <span className="sr-only"> page</span>
    </>
  );
  return href ? (
    <Link className={link} href={href} rel={rel}>
      {name}
    </Link>
  ) : (
    <span className={disabled} aria-disabled="true">
      {name}
    </span>
  );
}

// Previous and Next under a paged list: each link keeps the list's search in its address and
// changes only the page; at either end the step is shown but cannot be followed.
export function Pager({
  summary,
  page,
  pageCount,
  hrefFor,
}: {
  summary: ReactNode;
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm"
    >
      <p>{summary}</p>
      <div className="flex gap-2">
        <Step href={page > 1 ? hrefFor(page - 1) : null} rel="prev">
          Previous
        </Step>
        <Step href={page < pageCount ? hrefFor(page + 1) : null} rel="next">
          Next
        </Step>
      </div>
    </nav>
  );
}
