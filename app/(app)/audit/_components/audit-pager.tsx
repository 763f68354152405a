import { Pager } from '@/components/pager';
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
  return (
    <Pager
      summary={`Page ${page} of ${pageCount} · ${total.toLocaleString('en')} ${total === 1 ? 'entry' : 'entries'}`}
      page={page}
      pageCount={pageCount}
      hrefFor={(p) => pageHref(query, p)}
    />
  );
}
