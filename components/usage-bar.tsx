import type { Usage } from '@/lib/domain/usage';

const FILL = { ok: 'bg-emerald-600', near: 'bg-amber-500', over: 'bg-red-600' } as const;

/**
 * A disk's used space against the manual-image ceiling. The state is written out ("Over
 * ceiling", "Near ceiling") so it never rests on colour alone.
 */
export function UsageBar({ usage, basis = 'used', label }: { usage: Usage; basis?: 'used' | 'allocated'; label: string }) {
  const percent = Math.round(usage.fraction * 100);
  return (
    <div className="min-w-40">
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className={usage.level === 'over' ? 'font-semibold text-red-800' : undefined}>
          {usage.label}
          {basis === 'allocated' ? ' allocated' : ''}
        </span>
        {usage.level === 'over' && (
          <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800">Over ceiling</span>
        )}
        {usage.level === 'near' && (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">Near ceiling</span>
        )}
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${usage.label}${usage.level === 'over' ? ', over the image ceiling' : ''}`}
        className="mt-1 h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full ${FILL[usage.level]}`} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
