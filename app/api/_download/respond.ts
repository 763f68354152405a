import { NextResponse, type NextRequest } from 'next/server';
import { clientAddress } from '@/lib/auth/request';
import { getActiveCaller, refusalResponse } from '@/lib/auth/session';
import { DOWNLOAD_FORMATS, DownloadUnavailableError, parseDownloadFormat } from '@/lib/domain/downloads';
import { NotFoundError } from '@/lib/domain/errors';
import { openDownload, type DownloadRequest } from '@/lib/services/downloads';

// The two download routes (an image, a backup) in one: the caller checked on the server, the
// format read from ?format=, and the disk streamed as an attachment of known length.

const json = (error: string, status: number) =>
  NextResponse.json({ error }, { status, headers: { 'Cache-Control': 'no-store' } });

export async function downloadResponse(
  request: NextRequest,
  kind: DownloadRequest['kind'],
  id: string,
): Promise<Response> {
  const caller = await getActiveCaller().catch(refusalResponse);
  if (caller instanceof Response) return caller;
  if (!caller) return json(`Sign in to download ${kind === 'image' ? 'an image' : 'a backup'}.`, 401);
  const format = parseDownloadFormat(request.nextUrl.searchParams.get('format'));
  if (!format) return json(`The format must be ${DOWNLOAD_FORMATS.join(' or ')}.`, 400);
  try {
    const download = await openDownload(caller, await clientAddress(), { kind, id, format }, request.signal);
    return new Response(download.body, {
      headers: {
        'Content-Type': format === 'raw' ? 'application/octet-stream' : 'application/x-qemu-disk',
        'Content-Length': String(download.size),
        'Content-Disposition': `attachment; filename="${download.fileName}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return json(error.message, 404);
    if (error instanceof DownloadUnavailableError) return json(error.message, error.status);
    throw error;
  }
}
