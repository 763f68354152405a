import type { NextRequest } from 'next/server';
import { downloadResponse } from '@/app/api/_download/respond';

// A backup's disk as a raw or qcow2 file (?format=raw|qcow2), streamed from its region's backup store.
export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return downloadResponse(request, 'backup', (await params).id);
}
