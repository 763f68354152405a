import { LocalTime } from '@/components/local-time';
import type { StoreRow } from '@/lib/data/stores';

const SOURCE_WORDS = {
  environment: 'The environment',
  setting: 'An admin setting',
  default: 'The default folder',
} as const;

// What the page may know about a store: where it is, who set it, whether credentials and a
// key are set. Their values are never sent to the page.
export function StoreFacts({ store }: { store: StoreRow }) {
  return (
    <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
      <dt className="font-medium">Where</dt>
      <dd data-testid="store-url" className="break-all font-mono">
        {store.url || '(not usable)'}
      </dd>
      <dt className="font-medium">Set by</dt>
      <dd data-testid="store-source">
        {SOURCE_WORDS[store.source]}
        {store.source === 'environment' && (
          <>
            {' '}
            (<code>{store.envName}</code>)
          </>
        )}
        {store.source === 'setting' && store.updatedAt && (
          <>
            {' '}
            — {store.updatedByName || 'an admin'}, <LocalTime iso={store.updatedAt} />
          </>
        )}
      </dd>
      <dt className="font-medium">Credentials</dt>
      <dd data-testid="store-credentials">
        {store.hasCredentials ? `Access key ${store.accessKeyId} and its secret are set` : 'None set'}
      </dd>
      <dt className="font-medium">Encryption</dt>
      <dd data-testid="store-encryption">
        {store.encrypted ? 'Encrypted with this store’s own key' : 'Not encrypted'}
      </dd>
      <dt className="font-medium">Holds</dt>
      <dd>
        {store.copies.toLocaleString('en')} {store.copiesNoun}
      </dd>
      {store.problem && (
        <>
          <dt className="font-medium text-red-800">Problem</dt>
          <dd role="alert" className="text-red-800">
            {store.problem}
          </dd>
        </>
      )}
    </dl>
  );
}
