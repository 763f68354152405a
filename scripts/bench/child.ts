// One lifeboat operation in its own process, so its peak RSS is its own (the benchmark's disk
// generation and bookkeeping stay out of it). Prints one JSON line: the operation's wall and CPU
// seconds (all threads; process start-up excluded, opening the store and, for a capture, finding
// the disk's read plan included), the process's
// peak RSS, the result and, on an object store, the requests it made (traced-objects.ts).
//   tsx scripts/bench/child.ts capture <store> <disk> <manifestId>
//   tsx scripts/bench/child.ts restore <store> <manifestId> <target> [durable|page-cache]
// <store> is a folder or an s3:// URL (lib/config/store-url.ts). From the environment:
// LIFEBOAT_BENCH_KEY, the store's key in hex (the store is then encrypted), and
// LIFEBOAT_BENCH_S3_ACCESS_KEY_ID / LIFEBOAT_BENCH_S3_SECRET, an S3 store's credentials.
import { readFileSync } from 'node:fs';
import { readPlanFor } from '../../lib/disks/read-plan';
import { captureDisk, closeChunkPool, openChunkStore, restoreDisk } from '../../lib/storage/index';
import { openObjectStore, type ObjectStore } from '../../lib/storage/objects';
import { tracedObjectStore, type RequestStats } from './traced-objects';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const [op, where, a, b, mode = 'durable'] = process.argv.slice(2);
const keyHex = process.env.LIFEBOAT_BENCH_KEY;
const started = performance.now();
const cpu = process.cpuUsage();
let requests: RequestStats | undefined;
let location: string | ObjectStore = where;
if (where.startsWith('s3://')) {
  const traced = tracedObjectStore(
    openObjectStore(where, {
      accessKeyId: process.env.LIFEBOAT_BENCH_S3_ACCESS_KEY_ID,
      secretAccessKey: process.env.LIFEBOAT_BENCH_S3_SECRET,
    }),
  );
  location = traced.store;
  requests = traced.stats;
}
const store = await openChunkStore(location, { key: keyHex ? Buffer.from(keyHex, 'hex') : undefined });
let result: Record<string, unknown>;
if (op === 'capture') {
  // As the app captures a disk file (its provider calls readPlanFor first): only what the read plan
  // says (an ext4 disk's used blocks that the host holds; elsewhere what the host holds), the
  // plan's look-up timed with the capture.
  const plan = await readPlanFor(a);
  const m = await captureDisk(store, a, b, { ranges: plan.ranges, dataBytes: plan.usedBytes });
  result = {
    newBytes: m.newBytes,
    storedBytes: m.storedBytes,
    digest: m.digest,
    readBytes: plan.ranges.reduce((sum, r) => sum + r.length, 0),
    planSource: plan.source,
  };
} else if (op === 'restore') {
  result = await restoreDisk(store, a, b, { durable: mode === 'durable' });
} else {
  throw new Error(`unknown operation ${op}`);
}
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
const cpuSeconds = (used.user + used.system) / 1e6;
await closeChunkPool();
// Peak RSS from VmHWM, the high-water mark of this program's own memory (its worker threads
// included). Not getrusage's maxRSS: on Linux that survives exec, so a child spawned by a bench
// process holding 500 MiB reports 500 MiB whatever it used itself (the re-capture row read
// 533-536 MiB that way, right after the bench had generated the changed files in memory).
function peakRssBytes(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) * 1024;
  } catch {
    // not Linux: maxRSS (in KiB) is the best there is
  }
  return process.resourceUsage().maxRSS * 1024;
}
console.log(JSON.stringify({ seconds, cpuSeconds, maxRssBytes: peakRssBytes(), requests, ...result }));
