import type { Db } from '@/lib/db/client';
import { envToken, hashToken, newScrapeToken, tokenHint, tokenMatches } from './token';

// The scrape token's row: made, replaced and removed by an admin (lib/actions/metrics.ts), and
// checked by GET /metrics. An operator may set LIFEBOAT_METRICS_TOKEN as well; either one opens
// the endpoint, so a token in a deployment's secrets keeps working while the admin rotates theirs.

const ID = 'metrics';

export type ScrapeTokenStatus = {
  hint: string | null;
  createdByName: string | null;
  createdAt: Date | null;
  /** LIFEBOAT_METRICS_TOKEN: unset, set (and accepted), or set but too short (ignored). */
  env: 'unset' | 'set' | 'too-short';
};

/** Makes a new token in place of any other (which stops working at once); the token is returned only here. */
export async function rotateScrapeToken(db: Db, by: { id: string; name: string }) {
  const token = newScrapeToken();
  const data = { tokenHash: hashToken(token), hint: tokenHint(token), createdById: by.id, createdByName: by.name };
  const row = await db.metricsToken.upsert({
    where: { id: ID },
    create: { id: ID, ...data },
    update: { ...data, createdAt: new Date() },
  });
  return { token, hint: row.hint };
}

/** Removes the admin's token; the hint of the one removed, or null when there was none. */
export async function clearScrapeToken(db: Db): Promise<string | null> {
  const row = await db.metricsToken.findUnique({ where: { id: ID }, select: { hint: true } });
  if (row) await db.metricsToken.deleteMany({ where: { id: ID } });
  return row?.hint ?? null;
}

export async function scrapeTokenStatus(db: Db, env: Record<string, string | undefined>): Promise<ScrapeTokenStatus> {
  const row = await db.metricsToken.findUnique({ where: { id: ID } });
  const raw = env.LIFEBOAT_METRICS_TOKEN?.trim();
  return {
    hint: row?.hint ?? null,
    createdByName: row?.createdByName ?? null,
    createdAt: row?.createdAt ?? null,
    env: !raw ? 'unset' : envToken(env) ? 'set' : 'too-short',
  };
}

/** May a scrape with this bearer token read the metrics? No token set anywhere: nobody may. */
export async function scrapeAllowed(
  db: Db,
  presented: string | null,
  env: Record<string, string | undefined>,
): Promise<boolean> {
  if (!presented) return false;
  const fromEnv = envToken(env);
  // Both checks always run, so the time taken does not say which token exists.
  const envOk = fromEnv !== null && tokenMatches(presented, hashToken(fromEnv));
  const row = await db.metricsToken.findUnique({ where: { id: ID }, select: { tokenHash: true } });
  const rowOk = row !== null && tokenMatches(presented, row.tokenHash);
  return envOk || rowOk;
}
