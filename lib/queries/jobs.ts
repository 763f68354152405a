'use client';

import { useQuery } from '@tanstack/react-query';
import type { JobView } from '@/lib/data/jobs';

// Query keys for jobs, in one place so invalidation is precise.
const jobKeys = {
  all: ['jobs'] as const,
  detail: (id: string) => ['jobs', id] as const,
};

export const isRunning = (job: JobView | undefined) => !job || job.status === 'queued' || job.status === 'running';

async function fetchJob(id: string): Promise<JobView> {
  const response = await fetch(`/api/jobs/${id}`, { cache: 'no-store' });
  if (!response.ok)
    throw new Error(response.status === 404 ? 'This job is not available.' : 'Could not read the job’s progress.');
  return response.json();
}

/** Following a job: poll every second while it is queued or running, then stop. */
export const jobQuery = (id: string) => ({
  queryKey: jobKeys.detail(id),
  queryFn: () => fetchJob(id),
  refetchInterval: (query: { state: { data: JobView | undefined } }) => (isRunning(query.state.data) ? 1000 : false),
});

/** Follows a job: polls every second while it is queued or running, then stops. */
export function useJob(id: string, initial?: JobView) {
  return useQuery({ ...jobQuery(id), initialData: initial });
}
