'use client';

// What an error boundary shows when a page's read fails: what could not be loaded, a way to try
// again, and the digest that lets an operator find the error in the server's log.
export function LoadError({
  heading,
  level = 1,
  lead = '',
  error,
  reset,
}: {
  heading: string;
  /** h1 for a whole page, h2 for a part of one. */
  level?: 1 | 2;
  /** A first sentence before the advice to try again. */
  lead?: string;
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const Heading = level === 1 ? 'h1' : 'h2';
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6">
      <Heading className="text-lg font-semibold text-red-900">{heading}</Heading>
      <p className="mt-1 text-sm text-red-900">
        {lead}
        {lead && ' '}Try again; if it keeps failing, tell your administrator
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
