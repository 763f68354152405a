// Seeds the database named by DATABASE_URL / DATA_DIR: the first admin from the environment,
// then the demo organisation unless LIFEBOAT_DEMO=0. Safe to run again: it only adds what is missing.
//   npm run seed -- --instances 10000   adds that many bulk instances to a new demo
import pg from 'pg';
import { createDb } from '@/lib/db/client';
import { databaseProvider, databaseUrl, demoEnabled } from '@/lib/config/env';
import { DEMO_PASSWORD, DEMO_USERS, ensureAdminFromEnv, ensureLocalAccount, seedDemo } from '@/lib/seed/demo';

function bulkCount(): number {
  const flag = process.argv.indexOf('--instances');
  const raw = flag >= 0 ? process.argv[flag + 1] : process.env.LIFEBOAT_DEMO_INSTANCES;
  const n = Number(raw ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/**
 * Web servers on several hosts may start at once on a fresh PostgreSQL database: each seeds
 * under one advisory lock, so one seeds and the others then find everything there (without it,
 * the second one's inserts hit the unique names the first just wrote, and its start fails).
 * The lock is the session's: ending the connection releases it, whatever happened meanwhile.
 */
async function oneSeederAtATime(seed: () => Promise<void>) {
  const url = databaseUrl();
  if (databaseProvider(url) !== 'postgres') return seed();
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext('lifeboat:seed'))");
    await seed();
  } finally {
    await lock.end();
  }
}

async function seed() {
  const db = createDb();
  try {
    await ensureLocalAccount(db);
    const admin = await ensureAdminFromEnv(db);
    if (admin) console.log(`Created admin ${admin} from LIFEBOAT_ADMIN_EMAIL.`);
    if (demoEnabled()) {
      const seeded = await seedDemo(db, { bulkInstances: bulkCount(), log: console.log });
      if (seeded) console.log('Seeded the demo organisation.');
      console.log(
        `Demo sign-in: ${DEMO_USERS[0].email} / ${DEMO_PASSWORD} (also ${DEMO_USERS[1].email}, ${DEMO_USERS[2].email}; same password)`,
      );
    } else if ((await db.user.count()) === 0) {
      console.log('No users yet: set LIFEBOAT_ADMIN_EMAIL and LIFEBOAT_ADMIN_PASSWORD and start again.');
    }
  } finally {
    await db.$disconnect();
  }
}

oneSeederAtATime(seed).catch((error) => {
  console.error(error);
  process.exit(1);
});
