'use server';

import { revalidatePath } from 'next/cache';
import { requireCaller } from '@/lib/auth/session';
import { assertCanWrite } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { requestCancel } from '@/lib/jobs';
import { registerAllHandlers } from '@/lib/jobs/handlers';
import { NotFoundError, DomainError } from '@/lib/services/errors';
import { refused, type ActionState } from './state';

/** Asks a queued or running job to stop; the worker ends it as cancelled and cleans up. */
export async function cancelJobAction(jobId: string): Promise<ActionState> {
  const caller = await requireCaller();
  try {
    const job = await db().job.findUnique({ where: { id: jobId } });
    if (!job || (job.teamId === null && !caller.isAdmin)) throw new NotFoundError('The job');
    if (job.teamId) assertCanWrite(caller, job.teamId);
    else if (!caller.isAdmin) throw new NotFoundError('The job');
    if (job.status !== 'queued' && job.status !== 'running') throw new DomainError('This job has already finished.');
    // A queued job is ended here, not by a worker, so its end hook must be known in this process.
    registerAllHandlers();
    await requestCancel(db(), job.id);
    revalidatePath('/activity');
    return { ok: true, message: 'Cancelling…' };
  } catch (error) {
    return refused(error);
  }
}
