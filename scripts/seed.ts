// Seeds the database named by DATABASE_URL / DATA_DIR: the first admin from the environment,
// then the demo organisation unless LIFEBOAT_DEMO=0. Safe to run again: it only adds what is missing.
//   npm run seed -- --instances 10000   adds that many bulk instances to a new demo
import { createDb } from '@/lib/db/client';
import { demoEnabled } from '@/lib/config/env';
import { DEMO_PASSWORD, DEMO_USERS, ensureAdminFromEnv, ensureLocalAccount, seedDemo } from '@/lib/seed/demo';

function bulkCount(): number {
  const flag = process.argv.indexOf('--instances');
  const raw = flag >= 0 ? process.argv[flag + 1] : process.env.LIFEBOAT_DEMO_INSTANCES;
  const n = Number(raw ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

async function main() {
  const db = createDb();
  try {
    await ensureLocalAccount(db);
    const admin = await ensureAdminFromEnv(db);
    if (admin) console.log(`Created admin ${admin} from LIFEBOAT_ADMIN_EMAIL.`);
    if (demoEnabled()) {
      const seeded = await seedDemo(db, { bulkInstances: bulkCount(), log: console.log });
      if (seeded) console.log('Seeded the demo organisation.');
      console.log(`Demo sign-in: ${DEMO_USERS[0].email} / ${DEMO_PASSWORD} (also ${DEMO_USERS[1].email}, ${DEMO_USERS[2].email}; same password)`);
    } else if ((await db.user.count()) === 0) {
      console.log('No users yet: set LIFEBOAT_ADMIN_EMAIL and LIFEBOAT_ADMIN_PASSWORD and start again.');
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
