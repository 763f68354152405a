import 'server-only';
import { z } from 'zod';
import type { ApiRoute } from './define';
import { API_ROUTES } from './routes';

// The OpenAPI 3.1 document of /api/v1, generated from the route table and its zod schemas (the
// actions' own input schemas; the answers' schemas in ./views.ts): there is no second copy of
// the contract to drift from the code. Served at /api/v1/openapi.json and read by /api-docs.

type Json = Record<string, unknown>;
type Schema = Json & { properties?: Record<string, Json>; required?: string[]; $defs?: Record<string, Json> };

const ERROR_STATUSES: Record<string, string> = {
  '400': 'The request is malformed (not JSON, a bad header).',
  '401': 'No token, or one that is not valid, revoked, expired or of a disabled user.',
  '403': 'The token or its user may not do this.',
  '404': 'No such resource, or not one the token may see.',
  '409': 'The resource is busy, or the name is taken.',
  '415': 'The body is not JSON (send Content-Type: application/json).',
  '422': "The input was refused; `fields` says which and why, in the forms' words.",
  '429': "Too many requests; retry after the Retry-After header's seconds.",
};

const errorSchema: Json = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'not_found, forbidden, invalid, busy, quota, rate_limited…' },
        message: { type: 'string', description: 'What went wrong, in plain words.' },
        fields: {
          type: 'object',
          additionalProperties: { type: 'array', items: { type: 'string' } },
          description: 'Per input field, what is wrong with it (the form field names).',
        },
      },
    },
  },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output', components: Record<string, Json>): Schema {
  const raw = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  // Named schemas (.meta({ id })) become the document's components, and references follow them.
  const out = JSON.parse(JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/')) as Schema;
  delete out.$schema;
  for (const [id, def] of Object.entries(out.$defs ?? {})) components[id] = def;
  delete out.$defs;
  return out;
}

const pathParams = (path: string) => [...path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]);

function operation(route: ApiRoute, components: Record<string, Json>): Json {
  const input = jsonSchema(route.input, 'input', components);
  const inPath = pathParams(route.path);
  const props = Object.fromEntries(Object.entries(input.properties ?? {}).filter(([k]) => !inPath.includes(k)));
  const required = (input.required ?? []).filter((k) => !inPath.includes(k));
  const parameters: Json[] = inPath.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  let requestBody: Json | undefined;
  if (route.method === 'GET') {
    // List queries fall back to their defaults for a value left out or not understood.
    for (const [name, schema] of Object.entries(props)) parameters.push({ name, in: 'query', required: false, schema });
  } else if (Object.keys(props).length) {
    requestBody = {
      required: required.length > 0,
      content: { 'application/json': { schema: { ...input, properties: props, required } } },
    };
  }
  if (route.method === 'POST')
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Retrying with the same key within 24 hours returns the first answer instead of running again.',
      schema: { type: 'string', maxLength: 255 },
    });
  const errors = Object.fromEntries(
    Object.entries(ERROR_STATUSES).map(([status, description]) => [
      status,
      { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
  );
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [String(route.status)]: {
        description: route.status === 202 ? 'Started: follow the job at /jobs/{jobId}.' : 'OK',
        content: { 'application/json': { schema: jsonSchema(route.output, 'output', components) } },
      },
      ...errors,
    },
  };
}

let cached: Json | null = null;

export function openApiDocument(routes: readonly ApiRoute[] = API_ROUTES): Json {
  if (cached && routes === API_ROUTES) return cached;
  const components: Record<string, Json> = { Error: errorSchema };
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, components);
  const doc: Json = {
    openapi: '3.1.0',
    info: {
      title: 'Lifeboat API',
      version: '1',
      description:
        'Instances, images, backups, jobs and the audit log of Lifeboat, as the console shows them. Authenticate with a personal access token from Settings: `Authorization: Bearer lbt_…`. Every call is checked and audited as the same action in the console would be.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ token: [] }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'A personal access token (lbt_…).' } },
    },
  };
  if (routes === API_ROUTES) cached = doc;
  return doc;
}
