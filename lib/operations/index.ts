import type { Db } from '@/lib/db/client';
import { requestCancel, setJobEndHook } from '@/lib/jobs';
import { accountSync } from './account-sync';
import { alertDelivery } from './alert-delivery';
import { auditJobEnd } from './audit';
import { backup } from './backup';
import { backupGc } from './backup-gc';
import { captureImage } from './capture-image';
import type { Operation } from './define';
import { deployBackup } from './deploy-backup';
import { deployImage } from './deploy-image';
import { imageGc } from './image-gc';
import { diskMeasure } from './measure-disks';
import { restoreBackup } from './restore-backup';
import { alertJobEnd } from '@/lib/services/alerts/job-ends';
import { uploadImage } from './upload-image';
import { verifyBackup } from './verify-backup';

// The catalogue of long operations: every job kind the app runs, one line each. Adding a kind
// is its file in this folder and its line here.

export const OPERATIONS: readonly Operation[] = [
  captureImage,
  uploadImage,
  deployImage,
  imageGc,
  backup,
  restoreBackup,
  deployBackup,
  verifyBackup,
  backupGc,
  accountSync,
  diskMeasure,
  alertDelivery,
];

function operationOf(kind: string): Operation | undefined {
  return OPERATIONS.find((op) => op.kind === kind);
}

/** A job's one name from its kind and input (a backup job says whether it is the snapshot or an automatic one). */
export function jobName(kind: string, input?: unknown): string {
  return operationOf(kind)?.labelOf(input) ?? kind;
}

/**
 * Every job's end, whatever its kind, goes into the audit log (audit.ts), and raises the team's
 * alerts when it is one they asked for (a failed backup, a verify that found damage), both in
 * the transaction that ends the job.
 */
export function auditJobEnds(): void {
  const audited = (kind: string) => operationOf(kind)?.audited ?? true;
  setJobEndHook(async (db, jobId, status, error) => {
    await auditJobEnd(db, jobId, status, error, { jobName, audited });
    await alertJobEnd(db, jobId, status, error, { jobName });
  });
}

/**
 * Makes this process able to run and end every job kind, with job ends audited: done where a
 * worker starts (app-worker.ts, scripts/worker.ts). Safe to call again (dev reloads, tests).
 */
export function registerOperations(): void {
  for (const op of OPERATIONS) op.register();
  auditJobEnds();
}

/**
 * Asks a job to stop. A queued one is ended right here, not by a worker, so this process must
 * know its operation's clean-up: the catalogue registers it first.
 */
export function cancelJob(db: Db, jobId: string) {
  registerOperations();
  return requestCancel(db, jobId);
}
