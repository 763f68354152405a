const STYLES: Record<string, string> = {
  running: 'bg-emerald-100 text-emerald-900',
  offline: 'bg-slate-200 text-slate-800',
  provisioning: 'bg-sky-100 text-sky-900',
  busy: 'bg-violet-100 text-violet-900',
  restoring: 'bg-amber-100 text-amber-900',
};

/** Instance status as a word on a tint; the word carries the meaning. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[status] ?? 'bg-slate-100 text-slate-800'}`}>
      {status}
    </span>
  );
}
