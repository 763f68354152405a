'use client';

// Shown when reading instances fails; the digest lets an operator find the error in the log.
export default function InstancesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6">
      <h2 className="text-lg font-semibold text-red-900">The instances could not be loaded</h2>
      <p className="mt-1 text-sm text-red-900">
        Something went wrong on the server. Try again; if it keeps failing, tell your administrator
        {error.digest ? ` (reference ${error.digest})` : ''}.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white"
      >
        Try again
      </button>
    </div>
  );
}
