// Durable jobs: long operations as rows of the Job table, run by workers that claim them with a
// lease (in the web server by default, and in `npm run worker` processes). Server code only.
export { enqueueJob, requestCancel } from './enqueue';
export { InstanceBusyError, PermanentJobError } from './errors';
export { getJob, listJobs } from './queries';
export { setJobEndHook, type JobEndStatus } from './hooks';
export { registerJobHandler, registeredKinds } from './registry';
export type { DbOrTx, EnqueueOptions, JobContext, JobEndContext, JobOutcome, JobRow } from './types';
export { startWorker, type Worker, type WorkerOptions } from './worker';
