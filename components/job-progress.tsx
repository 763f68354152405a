'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useTransition } from 'react';
import { cancelJobAction } from '@/lib/actions/jobs';
import { initialState } from '@/lib/actions/state';
import type { JobView } from '@/lib/data/jobs';
import { describeProgress, percent } from '@/lib/domain/progress';
import { isRunning, useJob } from '@/lib/queries/jobs';

/**
 * Live progress of one job, polled while it runs. When it ends the page's server data is
 * refreshed once, so lists show the new image or instance state.
 */
export function JobProgress({ jobId, initial, title }: { jobId: string; initial?: JobView; title?: string }) {
  const router = useRouter();
  const { data: job, error } = useJob(jobId, initial);
  const [cancelling, startCancel] = useTransition();
  const wasRunning = useRef(isRunning(initial));

  useEffect(() => {
    if (job && wasRunning.current && !isRunning(job)) {
      wasRunning.current = false;
      router.refresh();
    }
  }, [job, router]);

  if (error)
    return (
      <p role="alert" className="text-sm text-red-800">
        {error.message}
      </p>
    );
  if (!job)
    return (
      <p role="status" className="text-sm">
        Starting…
      </p>
    );
  const running = isRunning(job);
  const pct = percent(job.bytesDone, job.bytesTotal);

  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="job-progress">
      <div className="flex items-center justify-between gap-3">
        <h3 className="font-semibold">{title ?? job.name}</h3>
        <span className="text-sm font-medium" data-testid="job-status">
          {statusText(job.status)}
        </span>
      </div>
      {running && (
        <>
          <div
            role="progressbar"
            aria-label={`${title ?? job.name} progress`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            className="mt-2 h-2 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full bg-sky-700 transition-all" style={{ width: `${pct}%` }} />
          </div>
          <p className="mt-1 text-sm" aria-live="polite" data-testid="job-progress-text">
            {job.status === 'queued' ? 'Waiting for a worker…' : describeProgress(job)}
          </p>
        </>
      )}
      {job.status === 'failed' && job.error && (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {job.error}
        </p>
      )}
      {job.log.length > 0 && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer">Log ({job.log.length} lines)</summary>
          <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap rounded bg-slate-100 p-2 text-xs">
            {job.log.join('\n')}
          </pre>
        </details>
      )}
      {running && job.canCancel && (
        <button
          type="button"
          disabled={cancelling}
          onClick={() =>
            startCancel(async () => {
              await cancelJobAction(initialState, { jobId: job.id });
            })
          }
          className="mt-2 rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-100 disabled:opacity-60"
        >
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
    </div>
  );
}

function statusText(status: string): string {
  return (
    { queued: 'Queued', running: 'Running', succeeded: 'Done', failed: 'Failed', cancelled: 'Cancelled' }[status] ??
    status
  );
}
