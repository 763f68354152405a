import Link from 'next/link';

export default function InstanceNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-8">
      <h1 className="text-xl font-semibold">Instance not found</h1>
      <p className="mt-1 text-slate-600">It may have been deleted, or it belongs to a team you are not part of.</p>
      <Link href="/instances" className="mt-4 inline-block font-medium text-brand-700 underline">
        Back to instances
      </Link>
    </div>
  );
}
