import fs from 'node:fs/promises';
import { pick, prng, randomBytes, repeated, STRIPE, writeStripes } from '../../lib/disks/fill';

// The benchmark disk: 4 MiB stripes, 40 % random bytes (like binaries and compressed files),
// 30 % repetitive text (like logs), 30 % holes, shuffled with a seeded PRNG so every kind is
// spread across the disk and every run on every machine sees the same bytes.

export { STRIPE };
export type StripeKind = 'random' | 'text' | 'hole';

/** The kind of every stripe: exact 40/30/30 counts, then a Fisher-Yates shuffle. */
export function stripeLayout(stripes: number, seed = 1): StripeKind[] {
  const random = Math.round(stripes * 0.4);
  const text = Math.round(stripes * 0.3);
  const kinds: StripeKind[] = [];
  for (let i = 0; i < stripes; i++) kinds.push(i < random ? 'random' : i < random + text ? 'text' : 'hole');
  const rand = prng(seed);
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = pick(rand, i + 1);
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  return kinds;
}

/** Incompressible bytes, deterministic per (stripe, generation); no two stripes share a chunk. */
function randomStripe(index: number, generation: number): Buffer {
  return randomBytes(prng(index * 0x10000 + generation));
}

const WORDS = [
  'GET',
  'POST',
  '/api/v4/server/instances',
  '/images',
  'status=200',
  'status=404',
  'user=alice',
  'user=bob',
  'cache=hit',
  'cache=miss',
  'backup',
  'restore',
];

/** Log-like lines: a 64 KiB block of PRNG-picked lines repeated, stamped with the stripe so no two stripes are equal. */
function textStripe(index: number, generation: number): Buffer {
  const rand = prng(index * 7919 + generation * 104729 + 13);
  let block = '';
  for (let n = 0; block.length < 64 * 1024; n++) {
    const words = Array.from({ length: 4 }, () => WORDS[pick(rand, WORDS.length)]).join(' ');
    block += `2025-01-${String(1 + (n % 28)).padStart(2, '0')}T12:${String(n % 60).padStart(2, '0')}:00Z stripe=${index}.${generation} ${words} ms=${pick(rand, 1000)}\n`;
  }
  return repeated(block);
}

export function stripeContent(kind: StripeKind, index: number, generation = 0): Buffer | null {
  if (kind === 'hole') return null;
  return kind === 'random' ? randomStripe(index, generation) : textStripe(index, generation);
}

/** Writes the disk as a sparse file: holes are never written, only the length is set. */
export async function writeBenchDisk(file: string, sizeBytes: number, seed = 1): Promise<StripeKind[]> {
  const kinds = stripeLayout(Math.ceil(sizeBytes / STRIPE), seed);
  await writeStripes(
    file,
    kinds.map((kind, i) => stripeContent(kind, i)),
    { size: sizeBytes, sync: true },
  );
  return kinds;
}

/** Rewrites a fraction of the data stripes; `seed` picks which, `version` what they now hold. */
export async function changeStripes(
  file: string,
  kinds: StripeKind[],
  fraction = 0.1,
  seed = 2,
  version = 1,
): Promise<number[]> {
  const data = kinds.map((k, i) => (k === 'hole' ? -1 : i)).filter((i) => i >= 0);
  const rand = prng(seed);
  const picked = new Set<number>();
  const want = Math.max(1, Math.round(data.length * fraction));
  while (picked.size < want) picked.add(data[pick(rand, data.length)]);
  const { size } = await fs.stat(file);
  const handle = await fs.open(file, 'r+');
  try {
    for (const i of [...picked].sort((a, b) => a - b)) {
      const buf = stripeContent(kinds[i], i, version)!;
      await handle.write(buf, 0, Math.min(STRIPE, size - i * STRIPE), i * STRIPE);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return [...picked].sort((a, b) => a - b);
}
