import { serveApi } from '@/lib/api/serve';

// The REST API: every endpoint is in lib/api/routes/, served by lib/api/serve.ts.

type Context = { params: Promise<{ path: string[] }> };

const handle = async (request: Request, { params }: Context) => serveApi(request, (await params).path);

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
export const dynamic = 'force-dynamic';
