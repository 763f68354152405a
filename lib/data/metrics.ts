import 'server-only';
import { can } from '@/lib/auth/permissions';
import { requireCaller } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { scrapeTokenStatus } from '@/lib/metrics/scrape-token';

// The Metrics page's read, admins only (null for anyone else): whether a scrape token is set,
// which one (its first characters), who made it and when. The token's hash stays in its row.

export type MetricsTokenView = {
  hint: string | null;
  createdByName: string | null;
  createdAt: string | null;
  env: 'unset' | 'set' | 'too-short';
};

export async function readMetricsToken(): Promise<MetricsTokenView | null> {
  const caller = await requireCaller();
  if (!can(caller, 'admin')) return null;
  const status = await scrapeTokenStatus(db(), process.env);
  return { ...status, createdAt: status.createdAt?.toISOString() ?? null };
}
