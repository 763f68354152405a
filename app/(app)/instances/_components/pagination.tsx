import { Pager } from '@/components/pager';
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
  return (
    <Pager
      summary={`Showing ${first}–${first + shown - 1} of ${total.toLocaleString('en')} · page ${page} of ${pageCount}`}
      page={page}
      pageCount={pageCount}
      hrefFor={(p) => listHref(query, { page: p })}
    />
  );
}
