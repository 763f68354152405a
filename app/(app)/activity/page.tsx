import type { Metadata } from 'next';
import { JobProgress } from '@/components/job-progress';
import { readRecentJobs } from '@/lib/data/jobs';

export const metadata: Metadata = { title: 'Activity' };

// Every long operation of the caller's teams, newest first, live while it runs.
export default async function ActivityPage() {
  const jobs = await readRecentJobs();
  return (
    <>
      <h1 className="text-2xl font-semibold">Activity</h1>
      {jobs.length === 0 ? (
        <p className="mt-4 text-slate-600">
          No operations yet. Captures, deploys, backups, restores and syncs appear here with their progress.
        </p>
      ) : (
        <ul className="mt-4 space-y-3">
          {jobs.map((job) => (
            <li key={job.id}>
              <JobProgress jobId={job.id} initial={job} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
