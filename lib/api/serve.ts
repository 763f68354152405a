import 'server-only';
import { runAsApiCall } from '@/lib/auth/api-call';
import { MUST_CHANGE_PASSWORD } from '@/lib/auth/permissions';
import { addressFrom } from '@/lib/auth/request';
import { db } from '@/lib/db/client';
import { authenticateToken } from '@/lib/services/api-tokens';
import { illFormedFields } from '@/lib/schemas/text';
import { invalid } from '@/lib/actions/server-state';
import type { ApiRoute, Method } from './define';
import { ApiError } from './errors';
import { claim, fingerprintOf, keep } from './idempotency';
import { openApiDocument } from './openapi';
import { compilePath, queryObject } from './paths';
import { rateLimit } from './rate-limits';
import { API_ROUTES } from './routes';

// Serves /api/v1: finds the endpoint, authenticates the token, applies its rate limit, reads the
// input (query, JSON body, path), honours Idempotency-Key on POSTs, runs the endpoint as the
// token's caller and sends its answer through the documented schema. Every failure is the one
// error shape (./errors.ts); only a bug of ours is a 500.

const matchers = API_ROUTES.map((r) => ({ route: r, match: compilePath(r.path) }));
const BODY_METHODS: readonly string[] = ['POST', 'PUT', 'PATCH', 'DELETE'];
const NO_STORE = { 'Cache-Control': 'no-store' };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

function errorResponse(error: ApiError): Response {
  const headers = { ...error.headers };
  if (error.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="lifeboat"';
  return json(error.status, error.body(), headers);
}

function find(method: string, pathname: string): { route: ApiRoute; params: Record<string, string> } {
  const allowed: string[] = [];
  for (const { route, match } of matchers) {
    const params = match(pathname);
    if (!params) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  if (!allowed.length)
    throw ApiError.of('not_found', `There is no endpoint ${pathname} in this API. See /api/v1/openapi.json.`);
  const error = ApiError.of('method_not_allowed', `${pathname} answers ${allowed.join(', ')}, not ${method}.`);
  error.headers.Allow = allowed.join(', ');
  throw error;
}

async function callerOf(request: Request, ip: string) {
  const header = request.headers.get('authorization') ?? '';
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!bearer)
    throw ApiError.of(
      'unauthenticated',
      'Send a personal access token as "Authorization: Bearer lbt_…". Create one in Settings.',
    );
  const result = await authenticateToken(db(), bearer[1], ip);
  if ('refused' in result) {
    // Guessing tokens costs a request of the address's allowance each time.
    await rateLimit(db(), `address:${ip}`);
    throw ApiError.of('unauthenticated', result.refused);
  }
  if (result.caller.mustChangePassword) throw ApiError.of('password_change_required', MUST_CHANGE_PASSWORD);
  return result;
}

async function inputOf(request: Request, method: string, params: Record<string, string>) {
  const url = new URL(request.url);
  let body: unknown = {};
  if (BODY_METHODS.includes(method)) {
    const text = await request.text();
    if (text.trim()) {
      if (!/\bjson\b/i.test(request.headers.get('content-type') ?? ''))
        throw ApiError.of('unsupported_media_type', 'Send the body as JSON, with "Content-Type: application/json".');
      try {
        body = JSON.parse(text);
      } catch {
        throw ApiError.of('bad_request', 'The body is not valid JSON.');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw ApiError.of('bad_request', 'The body must be a JSON object.');
    }
  }
  // The path names the resource: a body or query naming another is overruled, never obeyed.
  return { ...queryObject(url.searchParams), ...(body as object), ...params } as Record<string, unknown>;
}

async function run(route: ApiRoute, input: Record<string, unknown>): Promise<Response> {
  const broken = illFormedFields(input);
  if (broken.length)
    throw ApiError.of(
      'invalid',
      'Check the highlighted fields.',
      Object.fromEntries(broken.map((k) => [k, ['Use only well-formed text.']])),
    );
  const parsed = route.input.safeParse(input);
  if (!parsed.success) {
    const state = invalid(parsed.error);
    throw ApiError.of('invalid', state.message!, state.errors);
  }
  const out = await route.run(parsed.data as never);
  return json(route.status, route.output.parse(out));
}

export async function serveApi(request: Request, segments: string[]): Promise<Response> {
  const method = request.method.toUpperCase() as Method;
  const pathname = '/' + segments.map(encodeURIComponent).join('/');
  try {
    if (pathname === '/openapi.json' && method === 'GET') return json(200, openApiDocument());
    const ip = addressFrom(request.headers);
    const { route, params } = find(method, pathname);
    const token = await callerOf(request, ip);
    const quota = await rateLimit(db(), `token:${token.tokenId}`);
    const input = await inputOf(request, method, params);
    // Admin reads answer 403 here (the read itself would only say "not found"); admin actions
    // refuse in the action, which leaves the refusal's audit entry.
    if (route.admin && method === 'GET' && !token.caller.isAdmin)
      throw ApiError.of('forbidden', 'Only administrators can do that (a token limited to teams never is one).');
    const key = method === 'POST' ? request.headers.get('idempotency-key') : null;
    const response = await runAsApiCall({ ...token, ip }, async () => {
      if (key === null) return answer(() => run(route, input));
      const userId = token.caller.id;
      const kept = await claim(userId, key, fingerprintOf(method, pathname, input));
      if (kept)
        return new Response(kept.body, {
          status: kept.status,
          headers: { ...NO_STORE, 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' },
        });
      const fresh = await answer(() => run(route, input));
      await keep(userId, key, { status: fresh.status, body: await fresh.clone().text() });
      return fresh;
    });
    response.headers.set('RateLimit-Limit', String(quota.limit));
    response.headers.set('RateLimit-Remaining', String(quota.remaining));
    return response;
  } catch (error) {
    return answerError(error);
  }
}

async function answer(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    return answerError(error);
  }
}

function answerError(error: unknown): Response {
  if (error instanceof ApiError) return errorResponse(error);
  console.error('api/v1:', error);
  return json(500, {
    error: { code: 'internal', message: 'Something went wrong on the server. It is in the server log.' },
  });
}
