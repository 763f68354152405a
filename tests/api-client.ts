import { openApiDocument } from '@/lib/api/openapi';
import { serveApi } from '@/lib/api/serve';
import { documentChecker } from './openapi-check';

// Calls /api/v1 the way a client over HTTP would (a Request in, a Response out, through the
// same dispatcher the route handler uses), and checks every answer against the OpenAPI
// document: its status must be one the operation declares and its body must match that
// status's schema. Every API test goes through here, so the document cannot drift from the code.

const check = documentChecker(openApiDocument());

export type ApiAnswer = { status: number; body: any; headers: Headers }; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function callApi(
  method: string,
  pathAndQuery: string,
  options: { token?: string | null; body?: unknown; headers?: Record<string, string>; ip?: string } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { 'x-lifeboat-client': options.ip ?? '192.0.2.50', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const url = new URL(`http://lifeboat.test/api/v1${pathAndQuery}`);
  const segments = url.pathname.slice('/api/v1/'.length).split('/').map(decodeURIComponent);
  const response = await serveApi(new Request(url, { method, headers, body }), segments);
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  if (url.pathname !== '/api/v1/openapi.json')
    check(method, url.pathname.slice('/api/v1'.length), response.status, parsed);
  return { status: response.status, body: parsed, headers: response.headers };
}
