import Link from 'next/link';
import { inputClass } from '@/components/form-field';
import type { AuditFilterOptions } from '@/lib/data/audit';
import { AUDIT_PAGE_SIZE, type AuditQuery } from '@/lib/schemas/audit';
import { AUDIT_RESULTS } from '@/lib/domain/audit';
import { actionFamilies } from './audit.utils';

// A plain GET form: submitting writes the filters into the URL and the server renders the list,
// so it works before (and without) JavaScript. Leaving out `page` starts again at page 1.
export function AuditFilters({ query, options }: { query: AuditQuery; options: AuditFilterOptions }) {
  // A value from a shared link that is not among the choices stays visible rather than
  // silently showing "All", which would misdescribe the list below.
  const users = withCurrent(options.users, query.user, (id) => ({ id, label: id }));
  const teams = withCurrent(options.teams, query.team, (id) => ({ id, name: id }));
  const families = actionFamilies(options.actions);
  const knownAction =
    !query.action || families.some((f) => f.family === query.action || f.actions.includes(query.action));
  return (
    <form
      method="get"
      action="/audit"
      role="search"
      aria-label="Filter audit entries"
      className="mb-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="grid gap-4 sm:grid-cols-3 lg:grid-cols-6">
        <Field id="audit-user" label="User">
          <select id="audit-user" name="user" defaultValue={query.user} className={inputClass}>
            <option value="">All users</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="audit-team" label="Team">
          <select id="audit-team" name="team" defaultValue={query.team} className={inputClass}>
            <option value="">All teams</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="audit-action" label="Action">
          <select id="audit-action" name="action" defaultValue={query.action} className={inputClass}>
            <option value="">All actions</option>
            {!knownAction && <option value={query.action}>{query.action}</option>}
            {families.map((f) => (
              <optgroup key={f.family} label={f.family}>
                <option value={f.family}>All {f.family} actions</option>
                {f.actions.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field id="audit-from" label="From date">
          <input id="audit-from" type="date" name="from" defaultValue={query.from} className={inputClass} />
        </Field>
        <Field id="audit-to" label="To date">
          <input id="audit-to" type="date" name="to" defaultValue={query.to} className={inputClass} />
        </Field>
        <Field id="audit-result" label="Result">
          <select id="audit-result" name="result" defaultValue={query.result} className={inputClass}>
            <option value="">Any result</option>
            {AUDIT_RESULTS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {query.size !== AUDIT_PAGE_SIZE && <input type="hidden" name="size" value={query.size} />}
      <p className="mt-2 text-xs text-slate-600">Dates are in UTC; the To date includes that whole day.</p>
      <div className="mt-3 flex items-center gap-4">
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          Apply filters
        </button>
        <Link href="/audit" className="text-sm font-medium text-brand-700 underline">
          Clear<span className="sr-only"> filters</span>
        </Link>
      </div>
    </form>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

function withCurrent<T extends { id: string }>(list: T[], current: string, make: (id: string) => T): T[] {
  return !current || list.some((x) => x.id === current) ? list : [make(current), ...list];
}
