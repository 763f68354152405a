'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/auth/permissions';
import { isStoreScope, scopeLabel, storeConfig, storeIdentity } from '@/lib/config/stores';
import { db } from '@/lib/db/client';
import { baseClient } from '@/lib/db/unit-of-work';
import {
  checkLine,
  checkView,
  rebuildLine,
  rebuildView,
  type CheckResult,
  type RebuildResult,
} from '@/lib/domain/store-reports';
import {
  storeCheckInput,
  storeRebuildInput,
  storeResetInput,
  storeSettingInput,
  storeTestInput,
} from '@/lib/schemas/stores';
import { DomainError } from '@/lib/domain/errors';
import { checkStores } from '@/lib/services/store-check';
import { probeStore } from '@/lib/services/store-probe';
import { rebuildFromStores } from '@/lib/services/store-recovery';
import { resetStoreSetting, saveStoreSetting } from '@/lib/services/stores';
import { action, type ActionContext } from './safe-action';

// The Storage page's actions, admins only. The audit entry names the store and what changed
// (credentials set, key generated), never a secret or a key; a generated key goes back to the
// admin's form once, in `data`.

// Not exported: a 'use server' file's exports are endpoints.
function scopeFor(ctx: ActionContext, scope: string) {
  authorize(ctx.caller, 'admin');
  if (!isStoreScope(scope)) throw new DomainError('There is no such store on this host.', 'scope');
  ctx.target({ type: 'store', id: scope, label: scopeLabel(scope) });
  return scope;
}

const KEY_WORDS = { keep: 'key kept', generate: 'key generated', enter: 'key entered', clear: 'key removed' } as const;

/** Sets where a store is, its S3 credentials and its encryption key. */
export const saveStoreAction = action('store.set', storeSettingInput, async (input, ctx) => {
  scopeFor(ctx, input.scope);
  const saved = await saveStoreSetting(db(), input, { id: ctx.caller.id, name: ctx.caller.name });
  ctx.detail(
    `${storeIdentity({ url: input.url })}; ${saved.hasCredentials ? 'credentials set' : 'no credentials'}; ${KEY_WORDS[input.keyChoice]}${saved.moving && saved.copies ? `; ${saved.copies} existing copies left in the old store` : ''}.`,
  );
  revalidatePath('/admin/storage');
  const kept = saved.moving && saved.copies ? ' What the old store holds stays there.' : '';
  return { ok: true, message: `Saved.${kept}`, data: saved.generatedKey ? { key: saved.generatedKey } : undefined };
});

/** Deletes the admin setting: the store is its default folder again. */
export const resetStoreAction = action('store.reset', storeResetInput, async (input, ctx) => {
  scopeFor(ctx, input.scope);
  const reset = await resetStoreSetting(db(), input);
  ctx.detail(`Back to ${storeIdentity({ url: reset.url })}.`);
  revalidatePath('/admin/storage');
  return { ok: true, message: `Back to the default folder ${reset.url}.` };
});

/** Writes, reads back and deletes a small object in the store as it is configured now. */
export const testStoreAction = action('store.test', storeTestInput, async (input, ctx) => {
  const scope = scopeFor(ctx, input.scope);
  // A configuration that cannot be read (a bad variable) is reported like any other failure.
  const result = await storeConfig(scope).then(probeStore, (error: Error) => ({ ok: false, message: error.message }));
  ctx.detail(result.message);
  return { ok: result.ok, message: result.message };
});

// Recovery from the stores. Both run inside the request, not as durable jobs: a check and a rebuild
// read each manifest once, seconds for hundreds of copies. A deep check reads every chunk, hours
// on a big store; the page says it can take long (a job with progress would suit it better).

/** Reads every store and names what cannot be used; deep also reads every chunk back. */
export const checkStoresAction = action('store.check', storeCheckInput, async (input, ctx) => {
  authorize(ctx.caller, 'admin');
  ctx.target({ type: 'store', label: 'every store' });
  const reports = await checkStores(db(), { deep: input.deep });
  const line = checkLine(reports, input.deep);
  ctx.detail(line);
  return {
    ok: true,
    message: line,
    data: { deep: input.deep, stores: reports.map((r) => checkView(r)) } satisfies CheckResult,
  };
});

/** Recreates the image and backup rows this database lacks from the stores' manifests. */
export const rebuildStoresAction = action('store.rebuild', storeRebuildInput, async (_input, ctx) => {
  authorize(ctx.caller, 'admin');
  ctx.target({ type: 'store', label: 'every store' });
  // Outside the action's unit of work: the rebuild reads every store and creates disks between
  // its writes, and an open transaction would hold the whole database (SQLite) meanwhile. It is
  // idempotent (a row already there is left as it is) and its report, per store, is this entry.
  const reports = await rebuildFromStores(baseClient(db()));
  const line = rebuildLine(reports);
  ctx.detail(line);
  revalidatePath('/', 'layout');
  return { ok: true, message: line, data: { stores: reports.map((r) => rebuildView(r)) } satisfies RebuildResult };
});
