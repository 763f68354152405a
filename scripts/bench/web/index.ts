// `npm run bench -- web`: the dashboard at 1,000, 10,000 and 100,000 instances on SQLite and on
// PostgreSQL (issue 16). For each database and size: a fresh database seeded straight through
// the client (./seed.ts, no disk files), the production server on it (./server.ts), the demo
// member and admin signed in, and server time p50/p95 and size of the overview, the instance
// list's first and last page under each sort, a search, an instance page and the images page
// (./pages.ts), one table each. Then 50 signed-in connections for 60 s on one of them (SQLite at
// 1,000 by default, ./load.ts). A report, not a test: it exits 0 when a target is missed and
// lists what was missed.
//   npm run bench -- web [--sizes 1000,10000,100000] [--databases sqlite,postgres] [--runs 20]
//     [--warmups 3] [--load-seconds 60] [--load-warmup 15] [--connections 50] [--load-on sqlite:1000|none]
//     [--processes auto|N] [--keep]
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '@/lib/seed/demo';
import { signIn, type Session } from './client';
import { createBenchDatabase, postgresUnavailable } from './databases';
import { LOAD_MIX, runLoad, type LoadResult } from './load';
import { parseWebOptions, type DatabaseKind, type WebBenchOptions } from './options';
import { benchPages, timePage } from './pages';
import { missedTargets, printLoad, printTable, type Table, type TableRow } from './report';
import { seedBench, type Seeded } from './seed';
import { ensureBuild, startServer } from './server';

const log = (line: string) => console.error(line);
const USERS = { member: 'member@lifeboat.local', admin: 'admin@lifeboat.local' } as const;

async function timeAll(sessions: Record<keyof typeof USERS, Session>, seeded: Seeded, o: WebBenchOptions) {
  const rows = new Map<string, TableRow>();
  for (const user of ['member', 'admin'] as const) {
    for (const page of benchPages(seeded.visible[user], seeded.sampleInstanceId)) {
      const row = rows.get(page.name) ?? { name: page.name, timings: {} };
      row.timings[user] = await timePage(sessions[user], page.path, o.runs, o.warmups);
      rows.set(page.name, row);
    }
  }
  return [...rows.values()];
}

async function benchOne(root: string, base: string, database: DatabaseKind, size: number, o: WebBenchOptions) {
  const made = await createBenchDatabase(database, base, size);
  try {
    log(`${database}, ${size.toLocaleString('en')} instances: seeding…`);
    // The seed's one disk file goes where the server will look for it (./seed.ts).
    process.env.DATA_DIR = made.dataDir;
    const seeded = await seedBench(made.url, size, log);
    const server = await startServer(root, made.url, made.dataDir, o.processes);
    try {
      const sessions = {
        member: await signIn(server.origin, USERS.member, DEMO_PASSWORD),
        admin: await signIn(server.origin, USERS.admin, DEMO_PASSWORD),
      };
      log(`  timing pages on ${server.origin}…`);
      const table: Table = { database, size, seedSeconds: seeded.seconds, rows: await timeAll(sessions, seeded, o) };
      printTable(table, o.runs, o.warmups);
      let load: LoadResult | null = null;
      if (o.loadOn?.database === database && o.loadOn.size === size && o.loadSeconds > 0) {
        log(
          `  load: ${o.loadConnections} connections for ${o.loadWarmup} s of warm-up and ${o.loadSeconds} s measured, then memory watched until it settles…`,
        );
        load = await runLoad(sessions.member, server.pid, o.loadConnections, o.loadSeconds, o.loadWarmup);
        printLoad(`${database} at ${size.toLocaleString('en')} instances`, load, LOAD_MIX);
      }
      return { table, load };
    } finally {
      await server.stop();
    }
  } finally {
    if (o.keep) log(`  kept ${made.url} (${made.dataDir})`);
    else await made.drop();
  }
}

export async function runWebBench(root: string, argv: string[]) {
  const o = parseWebOptions(argv);
  ensureBuild(root, log);
  const notes: string[] = [];
  const pgWhy = o.databases.includes('postgres') ? await postgresUnavailable() : null;
  if (pgWhy) notes.push(`the PostgreSQL rows were not run: ${pgWhy}`);
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'lifeboat-webbench-'));
  const tables: Table[] = [];
  let load: LoadResult | null = null;
  console.log(
    `Lifeboat web benchmark: ${o.databases.join(' and ')} at ${o.sizes.map((s) => s.toLocaleString('en')).join(' / ')} instances, ${os.availableParallelism()} cores, LIFEBOAT_WEB_PROCESSES=${o.processes}, 1-minute load average ${os.loadavg()[0].toFixed(1)} at the start (the machine may be shared)`,
  );
  try {
    for (const database of o.databases) {
      if (database === 'postgres' && pgWhy) continue;
      for (const size of o.sizes) {
        const one = await benchOne(root, base, database, size, o);
        tables.push(one.table);
        load ??= one.load;
      }
    }
  } finally {
    if (!o.keep) await fs.rm(base, { recursive: true, force: true });
  }
  if (o.loadOn && o.loadSeconds > 0 && !load)
    notes.push(
      `the load was not run: ${o.loadOn.database} at ${o.loadOn.size} was not among the databases benchmarked`,
    );
  console.log(
    '\nserver time: from the request to the last byte of the body, one request at a time, on the same machine;',
  );
  console.log(
    'bytes: the HTML (or JSON) body after decompression; the member sees one team (half the instances), the admin all',
  );
  for (const note of notes) console.log(`note: ${note}`);
  const missed = missedTargets(tables, load);
  console.log(missed.length ? `\nTargets missed (${missed.length}):` : '\nEvery target checked was met.');
  for (const line of missed) console.log(`  - ${line}`);
}
