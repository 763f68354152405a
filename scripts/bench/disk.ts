import { createCipheriv } from 'node:crypto';
import fs from 'node:fs/promises';

// The benchmark disk: 4 MiB stripes, 40 % random bytes (like binaries and compressed files),
// 30 % repetitive text (like logs), 30 % holes, shuffled with a seeded PRNG so every kind is
// spread across the disk and every run on every machine sees the same bytes.

export const STRIPE = 4 * 1024 * 1024;
export type StripeKind = 'random' | 'text' | 'hole';

/** mulberry32: tiny, fast and good enough to place stripes and pick words deterministically. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The kind of every stripe: exact 40/30/30 counts, then a Fisher-Yates shuffle. */
export function stripeLayout(stripes: number, seed = 1): StripeKind[] {
  const random = Math.round(stripes * 0.4);
  const text = Math.round(stripes * 0.3);
  const kinds: StripeKind[] = [];
  for (let i = 0; i < stripes; i++) kinds.push(i < random ? 'random' : i < random + text ? 'text' : 'hole');
  const rand = prng(seed);
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  return kinds;
}

/** Random bytes from AES-256-CTR over zeros: deterministic per (stripe, generation) and fast. */
function randomStripe(index: number, generation: number): Buffer {
  const key = Buffer.alloc(32, 7);
  const iv = Buffer.alloc(16);
  iv.writeUInt32BE(index, 0);
  iv.writeUInt32BE(generation, 4);
  return createCipheriv('aes-256-ctr', key, iv).update(Buffer.alloc(STRIPE));
}

const WORDS = [
  'GET',
  'POST',
  '/api/v4/linode/instances',
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
    const words = Array.from({ length: 4 }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
    block += `2025-01-${String(1 + (n % 28)).padStart(2, '0')}T12:${String(n % 60).padStart(2, '0')}:00Z stripe=${index}.${generation} ${words} ms=${Math.floor(rand() * 1000)}\n`;
  }
  const buf = Buffer.alloc(STRIPE);
  const line = Buffer.from(block);
  for (let i = 0; i < STRIPE; i += line.length) line.copy(buf, i);
  return buf;
}

export function stripeContent(kind: StripeKind, index: number, generation = 0): Buffer | null {
  if (kind === 'hole') return null;
  return kind === 'random' ? randomStripe(index, generation) : textStripe(index, generation);
}

/** Writes the disk as a sparse file: holes are never written, only the length is set. */
export async function writeBenchDisk(file: string, sizeBytes: number, seed = 1): Promise<StripeKind[]> {
  const kinds = stripeLayout(Math.ceil(sizeBytes / STRIPE), seed);
  const handle = await fs.open(file, 'w');
  try {
    await handle.truncate(sizeBytes);
    for (let i = 0; i < kinds.length; i++) {
      const data = stripeContent(kinds[i], i);
      if (data) await handle.write(data, 0, Math.min(STRIPE, sizeBytes - i * STRIPE), i * STRIPE);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return kinds;
}

/** Rewrites `fraction` of the non-hole stripes with new content of the same kind; returns their indexes. */
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
  while (picked.size < want) picked.add(data[Math.floor(rand() * data.length)]);
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
