// `npm run store -- <command>`: the stores of this Lifeboat, read without the web app.
//   check [--deep]   what in each store cannot be used: unreadable manifests, chunks a manifest
//                    names that are missing, image and backup rows whose manifest is gone;
//                    --deep also reads every chunk back and checks its hash (slow)
//   rebuild          recreates the image and backup rows the database lacks from the stores'
//                    manifests (after losing the database: see the README's disaster recovery)
// Uses DATABASE_URL / DATA_DIR and the store settings as the app does; exits 1 when check finds a
// problem or rebuild could not read a store, so scripts and cron can rely on it.
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from '@/lib/config/env';
import { db } from '@/lib/db/client';
import { migrationStatus } from '@/lib/db/migration-status';
import { closeChunkPool } from '@/lib/storage';
import { checkStores } from '@/lib/services/store-check';
import { rebuildFromStores } from '@/lib/services/store-recovery';

// Admin-set store secrets are sealed with LIFEBOAT_SECRET_KEY; `npm start` keeps it in the data directory.
function loadSecretKey() {
  const file = path.join(dataDir(), '.secret-key');
  if (!process.env.LIFEBOAT_SECRET_KEY && fs.existsSync(file))
    process.env.LIFEBOAT_SECRET_KEY = fs.readFileSync(file, 'utf8').trim();
}

async function main(): Promise<number> {
  const [command, ...flags] = process.argv.slice(2);
  if (command !== 'check' && command !== 'rebuild') {
    console.error('usage: npm run store -- check [--deep] | rebuild');
    return 2;
  }
  loadSecretKey();
  const { pending } = await migrationStatus(db());
  if (pending.length) {
    console.error(
      `The database is missing migrations (${pending.join(', ')}): run \`npm run migrate\` or start the app first.`,
    );
    return 1;
  }
  if (command === 'check') {
    let problems = 0;
    for (const r of await checkStores(db(), { deep: flags.includes('--deep') })) {
      console.log(`${r.label}: ${r.location || '(not opened)'}`);
      console.log(`  ${r.manifests} manifest(s), ${r.chunks} chunk(s)${r.problems.length ? '' : ', no problems'}`);
      for (const p of r.problems) console.log(`  PROBLEM ${p}`);
      problems += r.problems.length;
    }
    console.log(problems ? `${problems} problem(s) found.` : 'Every store checks out.');
    return problems ? 1 : 0;
  }
  let failed = 0;
  for (const r of await rebuildFromStores(db())) {
    console.log(`${r.label}: ${r.location || '(not opened)'}`);
    if (r.error) {
      console.log(`  ERROR ${r.error}`);
      failed++;
      continue;
    }
    const { images, backups, instances, teams } = r.recovered;
    console.log(
      `  ${r.manifests} manifest(s): ${r.alreadyKnown} already known; recovered ${images} image(s), ${backups} backup(s), ${instances} instance(s), ${teams} team(s)`,
    );
    for (const o of r.orphans) console.log(`  ORPHAN ${o.id}: ${o.why}`);
  }
  return failed ? 1 : 0;
}

main()
  .then(async (code) => {
    await closeChunkPool();
    await db().$disconnect();
    process.exit(code);
  })
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
