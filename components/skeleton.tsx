/** Grey placeholder rows while a table loads; hidden from screen readers, which hear the status text. */
export function TableSkeleton({ rows = 8, label = 'Loading…' }: { rows?: number; label?: string }) {
  return (
    <div role="status" aria-live="polite" className="rounded-lg border border-slate-200 bg-white p-4">
      <span className="sr-only">{label}</span>
      <div aria-hidden="true" className="space-y-3">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="h-6 animate-pulse rounded bg-slate-200" />
        ))}
      </div>
    </div>
  );
}
