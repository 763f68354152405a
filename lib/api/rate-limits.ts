import 'server-only';
import { providerOf, type Db } from '@/lib/db/client';
import { takeRequest, type RateLimit } from '@/lib/domain/rate-limit';
import { ApiError } from './errors';

// Per-token rate limits: LIFEBOAT_API_RATE_PER_MINUTE requests a minute (600 unless set), as a
// burst of as many. Failed authentications are limited the same way per address, so guessing
// tokens is slow too. The buckets are rows of ApiRateLimit, so every web server process on the
// database (LIFEBOAT_WEB_PROCESSES, or several hosts) draws on one allowance, not one each.
//
// A take is one statement: an upsert that refills the bucket for the time since its last take
// and takes one request, computed in SQL from the row as it is when the statement gets it. Its
// WHERE leaves a bucket with less than one request untouched, and then the statement returns
// no row: that is a refusal. SQLite runs one write at a time; PostgreSQL's ON CONFLICT DO UPDATE
// locks the row and evaluates SET and WHERE against its latest version, so concurrent takes
// queue on the row and never hand out more than the bucket holds. A refusal leaves the row as
// it was, which refills to the same figure later as writing back the refilled one would.
// takeRequest (lib/domain/rate-limit.ts) is the same rule, with the same arithmetic in the same
// order (so the same doubles come out); it gives the wait on a refusal.

/** A bucket idle this long is full again (a minute refills it), so its row can go. */
const IDLE_MS = 3_600_000;
/** How often one process deletes idle rows (per database client). */
const PRUNE_EVERY_MS = 600_000;
const lastPrune = new WeakMap<Db, number>();

function limit(): RateLimit {
  const perMinute = Math.max(1, Number(process.env.LIFEBOAT_API_RATE_PER_MINUTE) || 600);
  return { capacity: perMinute, perSecond: perMinute / 60 };
}

/** The tokens left after taking one for `key` at `now`, or null when there was none to take. */
async function take(db: Db, key: string, now: number, l: RateLimit): Promise<number | null> {
  const rows: { tokens: number }[] =
    providerOf(db) === 'postgres'
      ? await db.$queryRaw`
          INSERT INTO "ApiRateLimit" ("key", "tokens", "at")
          VALUES (${key}, CAST(${l.capacity} AS DOUBLE PRECISION) - 1, CAST(${now} AS DOUBLE PRECISION))
          ON CONFLICT ("key") DO UPDATE SET
            "tokens" = LEAST(CAST(${l.capacity} AS DOUBLE PRECISION), "ApiRateLimit"."tokens"
              + GREATEST(0, CAST(${now} AS DOUBLE PRECISION) - "ApiRateLimit"."at") / 1000 * CAST(${l.perSecond} AS DOUBLE PRECISION)) - 1,
            "at" = GREATEST("ApiRateLimit"."at", CAST(${now} AS DOUBLE PRECISION))
          WHERE LEAST(CAST(${l.capacity} AS DOUBLE PRECISION), "ApiRateLimit"."tokens"
              + GREATEST(0, CAST(${now} AS DOUBLE PRECISION) - "ApiRateLimit"."at") / 1000 * CAST(${l.perSecond} AS DOUBLE PRECISION)) >= 1
          RETURNING "tokens"`
      : await db.$queryRaw`
          INSERT INTO "ApiRateLimit" ("key", "tokens", "at")
          VALUES (${key}, ${l.capacity} - 1.0, ${now})
          ON CONFLICT ("key") DO UPDATE SET
            "tokens" = MIN(${l.capacity}, "ApiRateLimit"."tokens" + MAX(0, ${now} - "ApiRateLimit"."at") / 1000.0 * ${l.perSecond}) - 1,
            "at" = MAX("ApiRateLimit"."at", ${now})
          WHERE MIN(${l.capacity}, "ApiRateLimit"."tokens" + MAX(0, ${now} - "ApiRateLimit"."at") / 1000.0 * ${l.perSecond}) >= 1
          RETURNING "tokens"`;
  return rows.length ? Number(rows[0].tokens) : null;
}

/** Deletes buckets idle for an hour, at most every ten minutes per process: one indexed delete. */
async function pruneIdle(db: Db, now: number) {
  if (Math.abs(now - (lastPrune.get(db) ?? -Infinity)) < PRUNE_EVERY_MS) return;
  lastPrune.set(db, now);
  await db.apiRateLimit.deleteMany({ where: { at: { lt: now - IDLE_MS } } });
}

/** Takes one request for `who`; a 429 error when none is left. */
export async function rateLimit(db: Db, who: string, now = Date.now()): Promise<{ remaining: number; limit: number }> {
  const l = limit();
  const left = await take(db, who, now, l);
  await pruneIdle(db, now);
  if (left === null) {
    const row = await db.apiRateLimit.findUnique({ where: { key: who } });
    // At least a second: by the time of this read another process may have seen a refill.
    const retryAfterSeconds = Math.max(1, takeRequest(row ?? { tokens: 0, at: now }, now, l).retryAfterSeconds);
    const error = ApiError.of(
      'rate_limited',
      `Too many requests: at most ${l.capacity} a minute. Retry in ${retryAfterSeconds} s.`,
    );
    error.headers['Retry-After'] = String(retryAfterSeconds);
    throw error;
  }
  return { remaining: Math.floor(left), limit: l.capacity };
}
