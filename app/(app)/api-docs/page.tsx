import type { Metadata } from 'next';
import { requireCaller } from '@/lib/auth/session';
import { openApiDocument } from '@/lib/api/openapi';
import { apiReference } from '@/lib/api/reference';

export const metadata: Metadata = { title: 'API reference' };

// The REST API's reference, read from the same OpenAPI document /api/v1/openapi.json serves.
export default async function ApiDocsPage() {
  await requireCaller();
  const groups = apiReference(openApiDocument());
  return (
    <>
      <h1 className="text-2xl font-semibold">API reference</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Every endpoint under <code>/api/v1</code>. Send a personal access token from Settings as{' '}
        <code>Authorization: Bearer lbt_…</code>. Bodies are JSON. Long operations answer <code>202</code> with the job
        to follow at <code>/api/v1/jobs/&#123;jobId&#125;</code>. Errors are{' '}
        <code>{'{"error": {"code", "message", "fields"}}'}</code>. The machine-readable document is{' '}
        <a href="/api/v1/openapi.json" className="text-brand-700 underline">
          /api/v1/openapi.json
        </a>{' '}
        (OpenAPI 3.1).
      </p>
      {/* Wrapped rather than scrolled sideways: a scrolling box would need keyboard focus of its own. */}
      <pre className="mt-3 max-w-3xl whitespace-pre-wrap break-all rounded-md bg-slate-900 p-3 text-xs text-slate-100">
        {`curl -H "Authorization: Bearer $LIFEBOAT_TOKEN" ${'"'}$LIFEBOAT_URL/api/v1/instances?q=web&sort=usage&dir=desc${'"'}`}
      </pre>
      {groups.map((g) => (
        <section key={g.tag} aria-labelledby={`tag-${g.tag}`} className="mt-8">
          <h2 id={`tag-${g.tag}`} className="text-xl font-semibold">
            {g.tag}
          </h2>
          {g.operations.map((op) => (
            <article
              key={op.id}
              aria-labelledby={`op-${op.id}`}
              className="mt-3 rounded-lg border border-slate-200 bg-white p-4"
            >
              <h3 id={`op-${op.id}`} className="font-mono text-sm font-semibold">
                <span className="mr-2 rounded bg-slate-100 px-2 py-0.5">{op.method}</span> {op.path}
              </h3>
              <p className="mt-1 text-sm">{op.summary}</p>
              {op.description && <p className="mt-1 text-sm text-slate-600">{op.description}</p>}
              {op.fields.length > 0 && (
                <table className="mt-2 w-full text-left text-sm" aria-label={`${op.method} ${op.path} input`}>
                  <thead className="border-b border-slate-200">
                    <tr>
                      <th scope="col" className="py-1 pr-3 font-semibold">
                        Field
                      </th>
                      <th scope="col" className="py-1 pr-3 font-semibold">
                        In
                      </th>
                      <th scope="col" className="py-1 pr-3 font-semibold">
                        Type
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {op.fields.map((f) => (
                      <tr key={`${f.in}-${f.name}`} className="border-b border-slate-100 last:border-0">
                        <th scope="row" className="py-1 pr-3 font-mono font-normal">
                          {f.name}
                          {f.required && <span className="text-slate-600"> (required)</span>}
                        </th>
                        <td className="py-1 pr-3">{f.in}</td>
                        <td className="py-1 pr-3">{f.type}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <p className="mt-2 text-sm text-slate-600">Answers {op.status}.</p>
            </article>
          ))}
        </section>
      ))}
    </>
  );
}
