import { scopeLabel, scopeRegion, storeScopes, type StoreScope } from '@/lib/config/stores';
import type { Db } from '@/lib/db/client';
import type { CheckReport } from '@/lib/domain/store-reports';
import { kindsWhere } from '@/lib/providers';
import { openScopeStore } from '@/lib/providers/stores';
import { listManifestIds, readManifest, verifyManifest, type Manifest } from '@/lib/storage';

// `npm run store -- check`: what in each store cannot be used. Reads every manifest and lists the
// chunks once; a chunk a manifest names that the store lacks is a problem, and so is an image or
// backup row of this host whose manifest is gone. With deep, every chunk is also read back and
// checked against its hash (verify's work, for every image and backup: slow on a big store).

// Rows whose data is in a store: those of the providers Lifeboat keeps the copies of.
const storing = () => kindsWhere((t) => t.storesCopies);

async function rowsOf(db: Db, scope: StoreScope): Promise<{ id: string; what: string }[]> {
  const region = scopeRegion(scope);
  if (region) {
    const rows = await db.backup.findMany({
      where: { region, status: 'successful', remoteId: null, instance: { account: { kind: { in: storing() } } } },
      select: { id: true, instance: { select: { label: true } } },
    });
    return rows.map((r) => ({ id: r.id, what: `backup ${r.id} of ${r.instance.label}` }));
  }
  const rows = await db.image.findMany({
    where: { status: 'available', account: { kind: { in: storing() } } },
    select: { id: true, label: true },
  });
  return rows.map((r) => ({ id: r.id, what: `image ${r.label} (${r.id})` }));
}

export async function checkStores(db: Db, { deep = false } = {}): Promise<CheckReport[]> {
  const reports: CheckReport[] = [];
  for (const scope of storeScopes()) {
    const report: CheckReport = {
      scope,
      label: scopeLabel(scope),
      location: '',
      manifests: 0,
      chunks: 0,
      problems: [],
    };
    reports.push(report);
    try {
      const store = await openScopeStore(scope);
      report.location = store.location;
      const ids = await listManifestIds(store);
      report.manifests = ids.length;
      const stored = await store.backend.chunkSizes();
      report.chunks = stored.size;
      for (const id of ids) {
        let manifest: Manifest;
        try {
          manifest = await readManifest(store, id);
        } catch (error) {
          report.problems.push(`Manifest ${id} cannot be read: ${(error as Error).message}`);
          continue;
        }
        const missing = [...new Set(manifest.chunks)].filter((h) => h !== null && !stored.has(store.nameOf(h)));
        if (missing.length)
          report.problems.push(`Manifest ${id} names ${missing.length} chunk(s) the store does not have.`);
        else if (deep) {
          const result = await verifyManifest(store, id);
          for (const bad of result.badChunks) report.problems.push(`Manifest ${id}: chunk ${bad.index} ${bad.reason}.`);
          if (!result.badChunks.length && result.digestMatches === false)
            report.problems.push(`Manifest ${id}: its chunks do not add up to its digest.`);
        }
      }
      const present = new Set(ids);
      for (const row of await rowsOf(db, scope))
        if (!present.has(row.id)) report.problems.push(`The ${row.what} has no manifest in this store.`);
    } catch (error) {
      report.problems.push(`The store cannot be read: ${(error as Error).message}`);
      report.error = (error as Error).message;
    }
  }
  return reports;
}
