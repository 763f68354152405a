// `npm run worker`: a standalone job worker on DATABASE_URL / DATA_DIR, to run jobs apart from
// the web servers (start those with LIFEBOAT_WORKER=0 to keep them out of it). Any number may
// run against one database. SIGTERM or SIGINT stops it gracefully: running jobs are handed back
// to the queue for the next worker; a second signal stops it at once (leases then expire and
// another worker takes the jobs over).
import { createDb } from '@/lib/db/client';
import { migrationStatus } from '@/lib/db/migration-status';
import { registeredKinds, startWorker } from '@/lib/jobs';
import { registerOperations } from '@/lib/operations';
import { startScheduler } from '@/lib/operations/scheduler';

async function main() {
  const db = createDb();
  const { pending } = await migrationStatus(db);
  if (pending.length > 0) {
    console.error(
      `The database is missing migrations (${pending.join(', ')}): run \`npm run migrate\` or start the app first.`,
    );
    await db.$disconnect();
    process.exit(1);
  }
  registerOperations();
  const worker = startWorker({ db });
  const scheduler = process.env.LIFEBOAT_SCHEDULER !== '0' ? startScheduler(db) : null;
  console.log(`Worker ${worker.id} is running jobs: ${registeredKinds().join(', ') || '(no handlers registered)'}`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.log(`${signal} again: stopping now.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: handing running jobs back and stopping…`);
    scheduler?.stop();
    void worker
      .stop()
      .then(() => db.$disconnect())
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
