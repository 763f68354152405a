'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { clearScrapeToken, rotateScrapeToken } from '@/lib/metrics/scrape-token';
import { metricsTokenInput } from '@/lib/schemas/metrics';
import { action, type ActionContext } from './safe-action';

// The Metrics page's actions, admins only. The audit entry names the token by its first
// characters, never the token; the new token goes back to the admin's page once, in `data`.

// Not exported: a 'use server' file's exports are endpoints.
function asAdmin(ctx: ActionContext) {
  authorize(ctx.caller, 'admin');
  ctx.target({ type: 'metrics-token', id: 'metrics', label: 'Metrics scrape token' });
}

/** Makes a new scrape token; the one before it, if any, stops working at once. */
export const rotateMetricsTokenAction = action('metrics.token-rotate', metricsTokenInput, async (_input, ctx) => {
  asAdmin(ctx);
  const { token, hint } = await rotateScrapeToken(db(), { id: ctx.caller.id, name: ctx.caller.name });
  ctx.detail(`New token ${hint}; any earlier one no longer works.`);
  revalidatePath('/admin/metrics');
  return { ok: true, message: 'New token made. Copy it now: it is not shown again.', data: { token } };
});

/** Removes the scrape token: /metrics then refuses every scrape (but one with LIFEBOAT_METRICS_TOKEN). */
export const clearMetricsTokenAction = action('metrics.token-clear', metricsTokenInput, async (_input, ctx) => {
  asAdmin(ctx);
  const hint = await clearScrapeToken(db());
  if (!hint) return { ok: false, message: 'There is no token to remove.' };
  ctx.detail(`Removed token ${hint}.`);
  revalidatePath('/admin/metrics');
  return { ok: true, message: 'Token removed: scrapes with it are refused from now on.' };
});
