// One lifeboat operation in its own process, so its peak RSS is its own (the benchmark's disk
// generation and bookkeeping stay out of it). Prints one JSON line: seconds, peak RSS, result.
//   tsx scripts/bench/child.ts capture <store> <disk> <manifestId>
//   tsx scripts/bench/child.ts restore <store> <manifestId> <target>
import { captureDisk, closeChunkPool, restoreDisk } from '../../lib/storage/index';

const [op, root, a, b] = process.argv.slice(2);
const started = performance.now();
let result: Record<string, unknown>;
if (op === 'capture') {
  const m = await captureDisk(root, a, b);
  result = { newBytes: m.newBytes, storedBytes: m.storedBytes, digest: m.digest };
} else if (op === 'restore') {
  result = await restoreDisk(root, a, b);
} else {
  throw new Error(`unknown operation ${op}`);
}
const seconds = (performance.now() - started) / 1000;
await closeChunkPool();
// maxRSS is in KiB; VmHWM agrees with it on Linux.
console.log(JSON.stringify({ seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024, ...result }));
