import type { NextRequest } from 'next/server';
import { downloadResponse } from '@/app/api/_download/respond';

// An image's disk as a raw or qcow2 file (?format=raw|qcow2), streamed from the image store.
export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return downloadResponse(request, 'image', (await params).id);
}
