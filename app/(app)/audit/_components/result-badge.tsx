const STYLES: Record<string, string> = {
  success: 'bg-emerald-100 text-emerald-900',
  refused: 'bg-amber-100 text-amber-900',
  failure: 'bg-red-100 text-red-900',
};

/** How an audited change ended, as a word on a tint; the word carries the meaning. */
export function ResultBadge({ result }: { result: string }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[result] ?? 'bg-slate-100 text-slate-800'}`}>
      {result}
    </span>
  );
}
