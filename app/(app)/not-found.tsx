import Link from 'next/link';

// What notFound() shows inside the signed-in shell: the layout already has the page's one
// `main` landmark, so this is a plain block (app/not-found.tsx, outside the shell, has its own).
// A missing id and another team's id read the same: existence is not the caller's business.
// Pages that call notFound() keep it above any Suspense boundary (no loading.tsx over an [id]
// route), so the answer is a real 404 and not a streamed 200.
export default function AppNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-8">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-1 text-slate-600">
        There is nothing here for you: it may never have existed, have been deleted, or belong to a team you are not
        part of.
      </p>
      <Link href="/" className="mt-4 inline-block font-medium text-brand-700 underline">
        Go to the overview
      </Link>
    </div>
  );
}
