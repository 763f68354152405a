import type { Metadata } from 'next';
import { Flash } from '@/components/flash';
import { requireCaller } from '@/lib/auth/session';
import { parseInstanceListQuery } from '@/lib/schemas/instances';
import { InstanceTable } from './_components/instance-table';
import { SearchBox } from './_components/search-box';

export const metadata: Metadata = { title: 'Instances' };

// The URL holds the list state (q, sort, dir, page, size); the table re-renders on the server.
export default async function InstancesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Before anything streams, so a signed-out caller or one who must replace a one-time
  // password gets a plain redirect rather than a shell (the reads below check again).
  await requireCaller();
  const query = parseInstanceListQuery(await searchParams);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Instances</h1>
        <SearchBox initial={query.q} />
      </div>
      <Flash />
      {/* Not streamed behind a skeleton: the table is the page (its largest paint), and its reads
          stay fast at any size (indexed, one page of rows). Streamed, it arrived after the
          scripts had started, so its first paint waited for them; in the first answer it paints
          with the HTML. Moving between pages keeps this table until the next one is ready. */}
      <InstanceTable query={query} />
    </>
  );
}
