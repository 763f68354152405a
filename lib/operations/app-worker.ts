import { db } from '@/lib/db/client';
import { startWorker, type Worker } from '@/lib/jobs';
import { registerOperations } from './index';
import { startScheduler } from './scheduler';

// The worker inside the web server (started from instrumentation.ts). It shares the app's
// database client on purpose: on SQLite that keeps its writes and the app's transactions on
// one connection that takes turns (lib/db/sqlite-turns.ts), instead of two that block each other.
const app = globalThis as unknown as { lifeboatAppWorker?: Worker };

export function startAppWorker(): Worker {
  // Dev reloads run register() again; one worker per process is enough.
  if (app.lifeboatAppWorker) return app.lifeboatAppWorker;
  registerOperations();
  app.lifeboatAppWorker = startWorker({ db: db() });
  // The backup scheduler ticks beside the worker; several at once are safe (see scheduler.ts).
  if (process.env.LIFEBOAT_SCHEDULER !== '0') startScheduler(db());
  console.log(`Job worker ${app.lifeboatAppWorker.id} started in the web server.`);
  return app.lifeboatAppWorker;
}
