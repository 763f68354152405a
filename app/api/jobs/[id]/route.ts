import { NextResponse } from 'next/server';
import { refusalResponse } from '@/lib/auth/session';
import { readJob } from '@/lib/data/jobs';

// Polled by the progress display while a job runs. A job the caller may not see is a 404,
// the same as one that does not exist.
export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const job = await readJob((await params).id).catch(refusalResponse);
  if (job instanceof Response) return job;
  if (!job) return NextResponse.json({ error: 'Not found' }, { status: 404 });
  return NextResponse.json(job, { headers: { 'Cache-Control': 'no-store' } });
}
