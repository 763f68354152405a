'use client';

import { useQueries } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { isRunning, jobQuery } from '@/lib/queries/jobs';

/**
 * Keeps a server-rendered list honest while jobs run on its rows: follows each job (polling
 * only while it runs, through the same query the progress panels use) and re-renders the page
 * on the server once one ends, so the row's status moves from busy to its end state without a
 * reload. With no busy rows it asks nothing.
 */
export function RefreshWhileBusy({ jobIds }: { jobIds: string[] }) {
  const router = useRouter();
  const jobs = useQueries({ queries: jobIds.map((id) => jobQuery(id)) });
  // Each ended job refreshes the page once; the refreshed page no longer lists it.
  const ended = jobs.flatMap((q) => (q.data && !isRunning(q.data) ? [q.data.id] : [])).join(' ');
  const refreshedFor = useRef(new Set<string>());
  useEffect(() => {
    const fresh = ended.split(' ').filter((id) => id && !refreshedFor.current.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) refreshedFor.current.add(id);
    router.refresh();
  }, [ended, router]);
  return null;
}
