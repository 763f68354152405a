import { CheckStores } from './check-stores';
import { RebuildStores } from './rebuild-stores';

// Disaster recovery on the Storage page: check what the stores hold, and rebuild
// this database's image and backup rows from them on a fresh host (README: Disaster recovery).
export function RecoverySection() {
  return (
    <section aria-labelledby="recovery" className="mt-8 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="recovery" className="text-lg font-semibold">
        Recovery
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Every image and backup leaves a manifest in its store that says what it is, so the stores can be read without
        this database. Both actions below run while you wait, not as jobs; the same are{' '}
        <code>npm run store -- check</code> and <code>npm run store -- rebuild</code> on the host.
      </p>
      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <div>
          <h3 className="font-semibold">Check stores</h3>
          <p className="mb-3 text-sm text-slate-600">
            Lists each store&apos;s manifests and chunks, and names unreadable manifests, missing chunks and images or
            backups whose manifest is gone. Nothing is changed.
          </p>
          <CheckStores />
        </div>
        <div>
          <h3 className="font-semibold">Rebuild from stores</h3>
          <p className="mb-3 text-sm text-slate-600">
            After losing the database: recreates the images and backups it lacks from the stores&apos; manifests. It
            never deletes anything.
          </p>
          <RebuildStores />
        </div>
      </div>
    </section>
  );
}
