import { LocalTime } from '@/components/local-time';
import type { AuditEntryView } from '@/lib/data/audit';
import { auditJobName } from '@/lib/domain/progress';
import { ResultBadge } from './result-badge';
import { relativeTime } from './audit.utils';
import { ColumnHeads } from '@/components/table';

// Fixed column shares so the table never grows past the page (1280 px windows and up): long
// values (an email, an id, a failure's detail: anyone can make a failed sign-in's email long)
// wrap anywhere inside their column instead of widening it. Nothing is cut off.
const COLUMNS: { title: string; width: string }[] = [
  { title: 'When', width: 'w-[15%]' },
  { title: 'User', width: 'w-[17%]' },
  { title: 'Action', width: 'w-[13%]' },
  { title: 'Resource', width: 'w-[17%]' },
  { title: 'Team', width: 'w-[10%]' },
  { title: 'Address', width: 'w-[11%]' },
  { title: 'Result', width: 'w-[17%]' },
];
const cell = 'px-3 py-3 wrap-anywhere';

// A missing value reads as "none" to a screen reader rather than "dash".
function None() {
  return (
    <span className="text-slate-600">
      <span aria-hidden="true">—</span>
      <span className="sr-only">none</span>
    </span>
  );
}

export function AuditTable({ entries, now }: { entries: AuditEntryView[]; now: Date }) {
  return (
    <table aria-label="Audit entries" className="w-full table-fixed text-left text-sm">
      <colgroup>
        {COLUMNS.map((c) => (
          <col key={c.title} className={c.width} />
        ))}
      </colgroup>
      <ColumnHeads columns={COLUMNS.map((c) => c.title)} />
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} className="border-b border-slate-100 align-top last:border-0" data-testid="audit-row">
            <td className={cell}>
              <LocalTime iso={e.at} seconds />
              <div className="text-xs text-slate-600">{relativeTime(e.at, now)}</div>
            </td>
            <td className={cell}>{e.actorEmail || <None />}</td>
            <td className={cell}>
              <span className="font-mono text-xs">{e.action}</span>
              {auditJobName(e.action) && <div className="text-xs text-slate-600">{auditJobName(e.action)}</div>}
            </td>
            <td className={cell}>
              {e.targetLabel || e.targetId || <None />}
              {e.targetType && <div className="text-xs text-slate-600">{e.targetType}</div>}
            </td>
            <td className={cell}>{e.teamName || <None />}</td>
            <td className={`${cell} font-mono text-xs`}>{e.ip || <None />}</td>
            <td className={cell}>
              <ResultBadge result={e.result} />
              {e.detail && <div className="mt-1 text-xs text-slate-600">{e.detail}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
