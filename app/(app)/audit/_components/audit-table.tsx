import type { AuditEntryView } from '@/lib/data/audit';
import { auditJobName } from '@/lib/domain/progress';
import { ResultBadge } from './result-badge';
import { relativeTime, utcText } from './audit.utils';

const COLUMNS = ['When', 'User', 'Action', 'Resource', 'Team', 'Address', 'Result'];

// A missing value reads as "none" to a screen reader rather than "dash".
function None() {
  return <span className="text-slate-600"><span aria-hidden="true">—</span><span className="sr-only">none</span></span>;
}

export function AuditTable({ entries, now }: { entries: AuditEntryView[]; now: Date }) {
  return (
    <table aria-label="Audit entries" className="w-full text-left text-sm">
      <thead className="border-b border-slate-200 bg-slate-50">
        <tr>
          {COLUMNS.map((c) => <th key={c} scope="col" className="px-4 py-2 font-semibold">{c}</th>)}
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} className="border-b border-slate-100 align-top last:border-0" data-testid="audit-row">
            <td className="whitespace-nowrap px-4 py-3">
              <time dateTime={e.at}>{utcText(e.at)}</time>
              <div className="text-xs text-slate-600">{relativeTime(e.at, now)}</div>
            </td>
            <td className="px-4 py-3">{e.actorEmail || <None />}</td>
            <td className="px-4 py-3">
              <span className="font-mono text-xs">{e.action}</span>
              {auditJobName(e.action) && <div className="text-xs text-slate-600">{auditJobName(e.action)}</div>}
            </td>
            <td className="px-4 py-3">
              {e.targetLabel || e.targetId || <None />}
              {e.targetType && <div className="text-xs text-slate-600">{e.targetType}</div>}
            </td>
            <td className="px-4 py-3">{e.teamName || <None />}</td>
            <td className="px-4 py-3 font-mono text-xs">{e.ip || <None />}</td>
            <td className="px-4 py-3">
              <ResultBadge result={e.result} />
              {e.detail && <div className="mt-1 max-w-xs break-words text-xs text-slate-600">{e.detail}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
