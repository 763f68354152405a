// A generated key, shown once right after the save that made it: the page keeps no copy and
// the server never sends it again, so the admin must put it somewhere safe now.
export function StoreKey({ storeKey, label, copiesNoun }: { storeKey: string; label: string; copiesNoun: string }) {
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-slate-900">
      <p>
        The key of {label}:{' '}
        <code
          data-testid="store-key"
          className="select-all break-all rounded bg-white px-2 py-1 font-mono text-base ring-1 ring-amber-300"
        >
          {storeKey}
        </code>
      </p>
      <p className="mt-2">
        Copy it now: it is not shown again. Lifeboat cannot read this store&apos;s {copiesNoun} without it; keep it
        somewhere other than this host.
      </p>
    </div>
  );
}
