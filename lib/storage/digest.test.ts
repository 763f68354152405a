import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OrderedDigest } from './digest';

describe('OrderedDigest', () => {
  const parts = [randomBytes(100), randomBytes(7), Buffer.alloc(50), randomBytes(1)];
  const expected = createHash('sha256').update(Buffer.concat(parts)).digest('hex');

  it('hashes chunks in index order whatever order they arrive in', async () => {
    const digest = new OrderedDigest();
    const fed = [3, 1, 0, 2].map((i) => digest.feed(i, parts[i]));
    await Promise.all(fed);
    expect(digest.digest(4)).toBe(expected);
  });

  it('resolves a feed only once its chunk is hashed (its memory may be reused after)', async () => {
    const digest = new OrderedDigest();
    let second = false;
    const p = digest.feed(1, parts[1]).then(() => (second = true));
    await Promise.resolve();
    expect(second).toBe(false);
    await digest.feed(0, parts[0]);
    await p;
    expect(second).toBe(true);
  });

  it('has no digest while chunks are missing or one was bad', async () => {
    const partial = new OrderedDigest();
    await partial.feed(0, parts[0]);
    expect(partial.digest(4)).toBeNull();
    const bad = new OrderedDigest();
    await Promise.all(parts.map((p, i) => bad.feed(i, i === 2 ? null : p)));
    expect(bad.digest(4)).toBeNull();
  });
});
