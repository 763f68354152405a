import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { readStores } from '@/lib/data/stores';
import { StoreFacts } from './_components/store-facts';
import { StoreForm } from './_components/store-form';
import { RecoverySection } from './_components/recovery-section';
import { ResetStore } from './_components/reset-store';
import { TestStore } from './_components/test-store';

export const metadata: Metadata = { title: 'Storage' };

// Where the image store and each region's backup store are: a folder on this host or
// S3-compatible object storage, set in the environment or here. Secrets are write-only.
export default async function StoragePage() {
  const stores = await readStores();
  if (!stores) notFound();
  return (
    <>
      <h1 className="text-2xl font-semibold">Storage</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Images go to the image store; each region&apos;s backups go to that region&apos;s backup store. A store set in
        this host&apos;s environment wins over a setting made here; with neither, it is a folder in the data directory.
      </p>
      <ul className="mt-4 space-y-4">
        {stores.map((s) => (
          <li key={s.scope}>
            <section aria-labelledby={`store-${s.scope}`} className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 id={`store-${s.scope}`} className="text-lg font-semibold">
                {s.label}
              </h2>
              <StoreFacts store={s} />
              {s.source === 'environment' ? (
                <p className="mt-3 text-sm">
                  This store is set by <code>{s.envName}</code> in this host&apos;s environment, so it cannot be changed
                  here: change the variable and restart Lifeboat.
                </p>
              ) : (
                <StoreForm store={s} />
              )}
              <div className="mt-4 flex flex-wrap items-start gap-3 border-t border-slate-200 pt-4">
                <TestStore scope={s.scope} label={s.label} />
                {s.source === 'setting' && <ResetStore store={s} />}
              </div>
            </section>
          </li>
        ))}
      </ul>
      <RecoverySection />
    </>
  );
}
