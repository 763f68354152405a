import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { takeRequest, type Bucket } from '@/lib/domain/rate-limit';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '@/tests/databases';
import { ApiError } from './errors';
import { rateLimit } from './rate-limits';

// The API's rate limits live in the database, so several web server processes share them: two
// clients of one database stand for two processes here. 6 a minute: one request every 10 s.

type Answer = { allowed: boolean; remaining?: number; limit?: number; retryAfter?: number };

async function tryTake(db: Db, who: string, now: number): Promise<Answer> {
  try {
    return { allowed: true, ...(await rateLimit(db, who, now)) };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 429) throw error;
    return { allowed: false, retryAfter: Number(error.headers['Retry-After']) };
  }
}

describe.each(PROVIDERS)('API rate limits on %s', (provider) => {
  let t: TestDatabase;
  let other: Db;
  const base = Date.UTC(2026, 11, 3, 12);

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    other = createDb(t.url);
  });
  afterAll(async () => {
    await other.$disconnect();
    await t.drop();
  });
  afterEach(() => {
    delete process.env.LIFEBOAT_API_RATE_PER_MINUTE;
  });

  it('gives two processes one allowance, not one each', async () => {
    process.env.LIFEBOAT_API_RATE_PER_MINUTE = '6';
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await tryTake(i % 2 ? other : t.db, 'token:shared', base));
    expect(answers.map((a) => a.allowed)).toEqual([true, true, true, true, true, true, false, false]);
    expect(answers.slice(0, 6).map((a) => a.remaining)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(answers[6].retryAfter).toBe(10);
    // Refilled by either process's clock: one more 10 s later, then none again.
    expect((await tryTake(other, 'token:shared', base + 10_000)).allowed).toBe(true);
    expect((await tryTake(t.db, 'token:shared', base + 10_000)).allowed).toBe(false);
    // Another key has its own bucket.
    expect((await tryTake(t.db, 'address:192.0.2.1', base)).remaining).toBe(5);
  });

  it('never allows more than the capacity to concurrent takes from both clients', async () => {
    process.env.LIFEBOAT_API_RATE_PER_MINUTE = '10';
    const takes = Array.from({ length: 40 }, (_, i) => tryTake(i % 2 ? other : t.db, 'token:burst', base));
    const answers = await Promise.all(takes);
    expect(answers.filter((a) => a.allowed)).toHaveLength(10);
    expect(
      answers
        .filter((a) => a.allowed)
        .map((a) => a.remaining)
        .sort((a, b) => a! - b!),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('takes as the pure token-bucket rule does, refills included', async () => {
    process.env.LIFEBOAT_API_RATE_PER_MINUTE = '4';
    const limit = { capacity: 4, perSecond: 4 / 60 };
    let bucket: Bucket | undefined;
    let now = base;
    // A fixed, uneven schedule: bursts, short gaps, and a gap longer than a full refill.
    const gaps = [0, 0, 0, 0, 0, 3000, 15_000, 0, 0, 7_500, 7_500, 120_000, 0, 0, 0, 0, 0, 1000, 14_999, 1];
    for (const [i, gap] of gaps.entries()) {
      now += gap;
      const expected = takeRequest(bucket, now, limit);
      if (expected.allowed) bucket = expected.bucket;
      const got = await tryTake(i % 2 ? other : t.db, 'token:model', now);
      expect(got).toEqual(
        expected.allowed
          ? { allowed: true, remaining: expected.remaining, limit: 4 }
          : { allowed: false, retryAfter: expected.retryAfterSeconds },
      );
    }
  });

  it('deletes buckets idle for an hour, which are full again anyway', async () => {
    const later = base + 86_400_000;
    await t.db.apiRateLimit.createMany({
      data: [
        { key: 'token:idle', tokens: 0, at: later - 3_600_001 },
        { key: 'token:recent', tokens: 0, at: later - 60_000 },
      ],
    });
    await rateLimit(t.db, 'token:pruner', later);
    const keys = (await t.db.apiRateLimit.findMany({ select: { key: true } })).map((r) => r.key);
    expect(keys).not.toContain('token:idle');
    expect(keys).toEqual(expect.arrayContaining(['token:recent', 'token:pruner']));
  });
});
