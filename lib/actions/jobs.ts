'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { baseClient } from '@/lib/db/unit-of-work';
import { cancelJob } from '@/lib/operations';
import { DomainError, NotFoundError } from '@/lib/domain/errors';
import { action } from './safe-action';

/** Asks a queued or running job to stop; the worker ends it as cancelled and cleans up. */
export const cancelJobAction = action('job.cancel', z.object({ jobId: z.string().min(1) }), async (input, ctx) => {
  const job = await db().job.findUnique({ where: { id: input.jobId } });
  // A job without a team (storage clean-up) is the admins' alone.
  if (!job) throw new NotFoundError('The job');
  authorize(ctx.caller, 'read', job.teamId, 'The job');
  ctx.target({ type: 'job', id: job.id, label: job.kind, teamId: job.teamId });
  authorize(ctx.caller, 'write', job.teamId);
  if (job.status !== 'queued' && job.status !== 'running') throw new DomainError('This job has already finished.');
  // Outside the action's unit of work: a queued job's clean-up (its operation's end hook) may call
  // a provider or a store, and an open transaction would hold the whole database (SQLite)
  // meanwhile. The engine keeps the cancel safe on its own: it takes the job under a lease first
  // (a crash leaves it to the reaper, which finishes the clean-up), and the job's end and its
  // "finished" entry commit together.
  await cancelJob(baseClient(db()), job.id);
  revalidatePath('/activity');
  return { ok: true, message: 'Cancelling…' };
});
