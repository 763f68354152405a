// Durable jobs: long operations as rows of the Job table, run by workers that claim them with a
// lease (in the web server by default, and in `npm run worker` processes). Server code only.
export { enqueueJob, requestCancel } from './enqueue';
export { InstanceBusyError, PermanentJobError } from './errors';
export { appendLog, parseLog, LOG_KEEP_LINES, type LogLine } from './log';
export { addSample, estimate, type Estimate, type ProgressSample } from './progress';
export { getJob, listJobs, toJobDetail, toJobSummary, type JobDetail, type JobSummary } from './queries';
export { setJobEndHook, type JobEndHook, type JobEndStatus } from './hooks';
export { reapExpired } from './reaper';
export { registerJobHandler, registeredKinds } from './registry';
export { enableWal } from './sqlite';
export { isActive, JOB_STATUSES, reasonOf, retryDelayMs } from './status';
export type {
  DbOrTx,
  EnqueueOptions,
  JobContext,
  JobEndContext,
  JobHandler,
  JobOutcome,
  JobRow,
  JobStatus,
} from './types';
export { startWorker, type Worker, type WorkerOptions } from './worker';
