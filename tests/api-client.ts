import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { openApiDocument } from '@/lib/api/openapi';
import { serveApi } from '@/lib/api/serve';

// Calls /api/v1 the way a client over HTTP would (a Request in, a Response out, through the
// same dispatcher the route handler uses), and checks every answer against the OpenAPI
// document: its status must be one the operation declares and its body must match that
// status's schema. Every API test goes through here, so the document cannot drift from the code.

type Json = Record<string, unknown>;
const doc = openApiDocument() as Json & { paths: Record<string, Record<string, Json>>; components: Json };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'lifeboat', components: doc.components } as Json, 'lifeboat');

const templates = Object.keys(doc.paths).map((t) => ({
  template: t,
  regex: new RegExp(`^${t.replace(/\{[A-Za-z]+\}/g, '[^/]+')}/?$`),
}));

export type ApiAnswer = { status: number; body: any; headers: Headers }; // eslint-disable-line @typescript-eslint/no-explicit-any

function schemaFor(method: string, pathname: string, status: number): Json {
  const found = templates.find((t) => t.regex.test(pathname));
  if (!found) throw new Error(`${method} ${pathname}: not in the OpenAPI document`);
  const op = doc.paths[found.template][method.toLowerCase()] as Json | undefined;
  if (!op) throw new Error(`${method} ${found.template}: not in the OpenAPI document`);
  const response = (op.responses as Record<string, Json>)[String(status)];
  if (!response) throw new Error(`${method} ${found.template} answered ${status}, which the document does not declare`);
  return (response.content as Record<string, { schema: Json }>)['application/json'].schema;
}

const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** Checks one answer against the document; throws with ajv's errors if it does not match. */
export function checkAgainstDocument(method: string, pathname: string, status: number, body: unknown): void {
  const found = templates.find((t) => t.regex.test(pathname));
  // An unknown endpoint (404) or method (405) answers the error shape, under no operation.
  const outside = !found || !doc.paths[found.template][method.toLowerCase()];
  const key = outside ? 'error' : `${method} ${found.template} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(
      outside ? { $ref: 'lifeboat#/components/schemas/Error' } : rewrite(schemaFor(method, pathname, status)),
    );
    validators.set(key, validate);
  }
  if (outside && status !== 404 && status !== 405)
    throw new Error(`${method} ${pathname} answered ${status}, but it is not an operation of the document`);
  if (!validate(body))
    throw new Error(
      `${method} ${pathname} ${status}: the answer does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 2000)}`,
    );
}

// Refs inside an operation point at the document's components; ajv resolves them through the
// schema registered as "lifeboat".
function rewrite(schema: Json): Json {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"lifeboat#/components/')) as Json;
}

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
    checkAgainstDocument(method, url.pathname.slice('/api/v1'.length), response.status, parsed);
  return { status: response.status, body: parsed, headers: response.headers };
}
