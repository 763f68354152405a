// One lifeboat operation in its own process, so its peak RSS is its own (the benchmark's disk
// generation and bookkeeping stay out of it). Prints one JSON line: the operation's wall and CPU
// seconds (all threads; process start-up excluded), the process's peak RSS, and the result.
//   tsx scripts/bench/child.ts capture <store> <disk> <manifestId>
//   tsx scripts/bench/child.ts restore <store> <manifestId> <target> [durable|page-cache]
import { captureDisk, closeChunkPool, restoreDisk } from '../../lib/storage/index';

const [op, root, a, b, mode = 'durable'] = process.argv.slice(2);
const started = performance.now();
const cpu = process.cpuUsage();
let result: Record<string, unknown>;
if (op === 'capture') {
  const m = await captureDisk(root, a, b);
  result = { newBytes: m.newBytes, storedBytes: m.storedBytes, digest: m.digest };
} else if (op === 'restore') {
  result = await restoreDisk(root, a, b, { durable: mode === 'durable' });
} else {
  throw new Error(`unknown operation ${op}`);
}
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
const cpuSeconds = (used.user + used.system) / 1e6;
await closeChunkPool();
// maxRSS is in KiB; VmHWM agrees with it on Linux.
console.log(JSON.stringify({ seconds, cpuSeconds, maxRssBytes: process.resourceUsage().maxRSS * 1024, ...result }));
