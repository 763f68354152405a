// Runs the job worker inside the web server, so one `npm start` does everything. Not in the
// edge runtime, not while `next build` prerenders pages, and not with LIFEBOAT_WORKER=0 (when
// separate `npm run worker` processes do the work).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.LIFEBOAT_WORKER === '0') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startAppWorker } = await import('./lib/operations/app-worker');
  startAppWorker();
}
