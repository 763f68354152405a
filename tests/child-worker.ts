// A worker process for the tests: `tsx tests/child-worker.ts` with DATABASE_URL set. It runs the
// test job kinds (with JOB_APP_HANDLERS=1 the app's operations too), prints "ready <id>" once
// polling, and stops on SIGTERM. With JOB_KILL_MID_JOB=1 it kills itself (SIGKILL) as soon as a
// job's progress part-way is saved: a crash at a fixed point, however fast the machine.
import { createDb } from '@/lib/db/client';
import { startWorker } from '@/lib/jobs';
import { auditJobEnds, registerOperations } from '@/lib/operations';
import { registerTestHandlers } from './job-handlers';

const num = (name: string, fallback: number) => Number(process.env[name] || fallback);

const db = createDb();
registerTestHandlers();
auditJobEnds();
// Tests of the app's own jobs (capture, deploy) kill a worker that runs the real operations.
if (process.env.JOB_APP_HANDLERS === '1') registerOperations();
const worker = startWorker({
  db,
  concurrency: num('JOB_CONCURRENCY', 2),
  leaseMs: num('JOB_LEASE_MS', 1500),
  pollMs: num('JOB_POLL_MS', 100),
  backoffMs: 100,
  ...(process.env.JOB_KILL_MID_JOB === '1' && {
    progressEveryMs: 0,
    onProgressSaved: (_jobId: string, saved: { bytesDone: bigint; bytesTotal: bigint }) => {
      if (saved.bytesDone > 0n && saved.bytesDone < saved.bytesTotal) process.kill(process.pid, 'SIGKILL');
    },
  }),
});
process.stdout.write(`ready ${worker.id}\n`);

process.once('SIGTERM', () => {
  void worker
    .stop()
    .then(() => db.$disconnect())
    .then(() => process.exit(0));
});
