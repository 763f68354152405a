import { NextResponse, type NextRequest } from 'next/server';
import { refusalResponse } from '@/lib/auth/session';
import { readAuditCsv } from '@/lib/data/audit';
import { invalidAuditFilters, parseAuditQuery } from '@/lib/schemas/audit';

// The audit log as CSV, with the same filters as the page (paging ignored). Streamed, so a
// large export starts at once and never sits whole in memory.
export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const search = request.nextUrl.searchParams;
  const params = Object.fromEntries([...new Set(search.keys())].map((key) => [key, search.getAll(key)]));
  const chunks = await readAuditCsv(parseAuditQuery(params)).catch(refusalResponse);
  if (chunks instanceof Response) return chunks;
  if (!chunks) return NextResponse.json({ error: 'Sign in to export the audit log.' }, { status: 401 });
  // A filter that cannot be read is refused rather than dropped: the file would hold more than asked.
  const invalid = invalidAuditFilters(params);
  if (invalid.length)
    return NextResponse.json(
      {
        error: `Not a valid filter: ${invalid.join(', ')}. Days are YYYY-MM-DD; results are success, refused or failure.`,
        fields: invalid,
      },
      { status: 400 },
    );
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="lifeboat-audit-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
