import 'server-only';
import { z } from 'zod';
import { cancelJobAction } from '@/lib/actions/jobs';
import { readJob, readRecentJobs } from '@/lib/data/jobs';
import { wholeNumber } from '@/lib/schemas/text';
import { actionMessage, message, route } from '../define';
import { jobView } from '../views';

const jobId = z.object({ jobId: z.string().min(1) });

export const jobRoutes = [
  route({
    method: 'GET',
    path: '/jobs',
    operationId: 'listJobs',
    tag: 'Jobs',
    summary: 'Recent jobs, newest first',
    input: z.object({ limit: wholeNumber({ min: 1, max: 200, message: 'limit' }).catch(50) }),
    output: z.object({ jobs: z.array(jobView) }),
    run: async ({ limit }) => ({ jobs: await readRecentJobs(limit) }),
  }),
  route({
    method: 'GET',
    path: '/jobs/{jobId}',
    operationId: 'getJob',
    tag: 'Jobs',
    summary: 'A job with its progress (bytes done, speed, ETA) and log',
    input: jobId,
    output: jobView,
    run: ({ jobId }) => readJob(jobId),
  }),
  route({
    method: 'POST',
    path: '/jobs/{jobId}/cancel',
    operationId: 'cancelJob',
    tag: 'Jobs',
    summary: 'Cancel a queued or running job',
    input: jobId,
    output: message,
    run: (input) => actionMessage(cancelJobAction, input),
  }),
];
