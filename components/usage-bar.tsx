import { formatGiBText, type Usage } from '@/lib/domain/usage';

const FILL = { ok: 'bg-emerald-600', near: 'bg-amber-500', over: 'bg-red-600' } as const;

/**
 * A disk's used space against the manual-image ceiling. The state is written out ("Over
 * ceiling", "Near ceiling") so it never rests on colour alone.
 *
 * With basis "allocated" the provider (`reportedBy`) told us the disk's size only, not its data: the
 * bar then says "allocated", is drawn neutral and claims nothing about the ceiling, because a
 * 25 GiB disk may well hold 2 GiB of data and capture fine.
 */
export function UsageBar({
  usage,
  basis = 'used',
  reportedBy = 'the provider',
  label,
  measured,
}: {
  usage: Usage;
  basis?: 'used' | 'allocated';
  reportedBy?: string;
  label: string;
  /** The figure's age ("measured 3 min ago"): pages show the last measurement, never take one. */
  measured?: string;
}) {
  if (basis === 'allocated') return <AllocatedBar usage={usage} label={label} reportedBy={reportedBy} />;
  const percent = Math.round(usage.fraction * 100);
  return (
    <div className="min-w-40">
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className={usage.level === 'over' ? 'font-semibold text-red-800' : undefined}>{usage.label}</span>
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
      {measured && <div className="mt-0.5 text-xs text-slate-600">{measured}</div>}
    </div>
  );
}

function AllocatedBar({ usage, label, reportedBy }: { usage: Usage; label: string; reportedBy: string }) {
  const text = `${formatGiBText(usage.usedBytes)} allocated`;
  return (
    <div className="min-w-40" aria-label={label} role="group">
      <div className="text-sm">{text}</div>
      <div className="mt-1 h-2 w-full rounded-full bg-slate-300" aria-hidden="true" />
      <div className="mt-0.5 text-xs text-slate-600">Used space not reported by {reportedBy}</div>
    </div>
  );
}
