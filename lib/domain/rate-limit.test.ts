import { describe, expect, it } from 'vitest';
import { takeRequest, type Bucket } from './rate-limit';

const limit = { capacity: 3, perSecond: 0.5 };

describe('takeRequest', () => {
  it('allows a burst of the capacity, then says how long to wait', () => {
    let bucket: Bucket | undefined;
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const r = takeRequest(bucket, 1000, limit);
      bucket = r.bucket;
      answers.push(r.allowed);
    }
    expect(answers).toEqual([true, true, true, false]);
    expect(takeRequest(bucket, 1000, limit).retryAfterSeconds).toBe(2);
  });

  it('refills with time, never beyond the capacity', () => {
    let bucket = takeRequest(undefined, 0, limit).bucket;
    bucket = takeRequest(bucket, 0, limit).bucket;
    bucket = takeRequest(bucket, 0, limit).bucket;
    expect(takeRequest(bucket, 1000, limit).allowed).toBe(false);
    expect(takeRequest(bucket, 2000, limit).allowed).toBe(true);
    expect(takeRequest(bucket, 3_600_000, limit).remaining).toBe(2);
  });
});
