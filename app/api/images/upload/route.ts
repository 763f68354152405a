import { NextResponse, type NextRequest } from 'next/server';
import { MUST_CHANGE_PASSWORD, SESSION_ENDED } from '@/lib/auth/permissions';
import { initialState } from '@/lib/actions/state';
import { uploadImageAction } from '@/lib/actions/uploads';
import { refuseOrigin } from '@/lib/http/request-guard.mjs';

// POST /api/images/upload?teamId=…&label=…&region=…&fileName=…[&description=…] with the disk
// image file as the body (any content type): 202 with the job and image ids once the file is
// here, or a 4xx with the reason in plain words. A route, not a server action, so the body can
// stream to disk instead of passing an action's size limit; the checks are the action's
// (lib/actions/uploads.ts), made before a byte of the body is read.
export const dynamic = 'force-dynamic';

const STATUS: Record<string, number> = {
  not_found: 404,
  forbidden: 403,
  too_large: 413,
  image_limit: 409,
  quota: 409,
  team_quota: 409,
  interrupted: 400,
  empty: 400,
};

export async function POST(request: NextRequest) {
  // Another site's page cannot post a file here with the user's cookies (server actions are checked the same way).
  const crossSite = refuseOrigin(Object.fromEntries(request.headers));
  if (crossSite) return answer({ error: crossSite.message }, crossSite.status);
  const params = request.nextUrl.searchParams;
  const fields = Object.fromEntries([...new Set(params.keys())].map((key) => [key, params.get(key) ?? '']));
  const length = Number(request.headers.get('content-length'));
  if (!request.body) return answer({ error: 'Send the disk image file as the request body.' }, 400);
  const state = await uploadImageAction(initialState, {
    ...fields,
    body: {
      stream: request.body,
      declaredBytes: Number.isFinite(length) ? length : undefined,
      signal: request.signal,
    },
  });
  if (state.ok && state.data && 'jobId' in state.data) return answer(state.data, 202);
  const code = state.data && 'code' in state.data ? state.data.code : '';
  const status =
    state.message === SESSION_ENDED
      ? 401
      : state.message === MUST_CHANGE_PASSWORD
        ? 403
        : (STATUS[code] ?? (state.errors ? 400 : 422));
  return answer({ error: state.message ?? 'The upload was refused.', fields: state.errors }, status);
}

function answer(body: object, status: number) {
  return NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
