import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// The official Linode API v4 contract, used to check every body the fake sends. The fake is only
// worth something if it cannot drift from the real API, so its answers are held to this file.
const SPEC_FILE = path.resolve(import.meta.dirname, '../../../shared/linode/openapi-4.189.0.json');

const SPEC_ID = 'https://lifeboat.test/linode-openapi.json';
// Paths in the spec carry the version as a parameter: "/{apiVersion}/linode/instances".
const VERSION_PREFIX = '/{apiVersion}';

type Json = Record<string, unknown>;

/**
 * Where the published spec forbids what the real API sends (and what Linode's own TypeScript
 * client, @linode/api-v4, declares). Each one widens the spec as little as possible, so the fake
 * can answer like the real API and the validator still rejects everything else. applyErrata below
 * widens it for these:
 *   - backups.last_successful may be null (no backup yet); the spec says string only
 *   - backups.snapshot.current and .in_progress may be null (no snapshot); the spec says object only
 *   - event.secondary_entity and event.rate may be null (most events); the spec says object/string only
 *   - region.site_type is the real field name; the spec spells it "site-type"
 *   - date-time values have no time zone ("2018-01-01T00:01:01", UTC), as in the spec's own
 *     examples; RFC 3339 requires one
 */

let loaded: { ajv: Ajv; doc: Json } | undefined;
const compiled = new Map<string, ValidateFunction>();

function load() {
  if (loaded) return loaded;
  const doc = JSON.parse(fs.readFileSync(SPEC_FILE, 'utf8')) as Json;
  walk(doc, applyErrata);
  walk(doc, nullableToTypes);
  // strict: false ignores the OpenAPI-only keywords (example, discriminator, x-*) instead of failing.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  // ajv-formats is CommonJS; its default export arrives wrapped or not depending on the loader.
  const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
  addFormats(ajv);
  ajv.addFormat('date-time', { validate: isLinodeDateTime });
  // Linode's own formats ("ssh-key", "ipv4/prefix_length", "MM/YYYY"…) are documentation only.
  for (const format of formatsIn(doc)) if (!ajv.formats[format]) ajv.addFormat(format, true);
  ajv.addSchema(doc, SPEC_ID);
  loaded = { ajv, doc };
  return loaded;
}

/** Problems with a response body against the spec's schema for (method, path, status); [] if it conforms. */
export function validateResponse(method: string, specPath: string, status: number, body: unknown): string[] {
  const { doc } = load();
  const fullPath = specPath.startsWith(VERSION_PREFIX) ? specPath : VERSION_PREFIX + specPath;
  const m = method.toLowerCase();
  const responses = (((doc.paths as Json)[fullPath] as Json | undefined)?.[m] as Json | undefined)?.responses as
    Json | undefined;
  if (!responses) return [`${method.toUpperCase()} ${specPath}: no such operation in the spec`];
  // Linode documents only 200 and "default" (the error envelope); other codes fall to "default".
  const key = String(status) in responses ? String(status) : 'default';
  if (!(key in responses)) return [`${method.toUpperCase()} ${specPath} ${status}: no such response in the spec`];
  const pointer = ['paths', fullPath, m, 'responses', key, 'content', 'application/json', 'schema'];
  return check(pointer, body).map((p) => `${method.toUpperCase()} ${specPath} ${status}: ${p}`);
}

/** Problems with an error body against the spec's shared error envelope (for unrouted requests). */
export function validateErrorBody(body: unknown): string[] {
  return check(['components', 'responses', 'error-response', 'content', 'application/json', 'schema'], body);
}

/** Fields the spec marks "__Filterable__" on the items of a list operation (dotted for nesting). */
export function filterableFields(specPath: string): Set<string> {
  const { doc } = load();
  const op = ((doc.paths as Json)[VERSION_PREFIX + specPath] as Json).get as Json;
  const schema = at(op, ['responses', '200', 'content', 'application/json', 'schema', 'properties', 'data', 'items']);
  const fields = new Set<string>();
  const visit = (node: Json, prefix: string) => {
    for (const [name, prop] of Object.entries((node.properties ?? {}) as Record<string, Json>)) {
      const described = [prop, ...((prop.allOf ?? []) as Json[])].some((p) =>
        /__Filterable__/.test(String(p.description ?? '')),
      );
      if (described) fields.add(prefix + name);
      if (prop.properties) visit(prop, `${prefix}${name}.`);
    }
  };
  visit(schema, '');
  return fields;
}

function check(pointer: string[], body: unknown): string[] {
  const ref = `${SPEC_ID}#/${pointer.map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;
  let validate = compiled.get(ref);
  if (!validate) {
    validate = load().ajv.getSchema(ref);
    if (!validate) return [`no schema at ${pointer.join(' > ')}`];
    compiled.set(ref, validate);
  }
  return validate(body) ? [] : (validate.errors ?? []).map(describe);
}

function describe(e: ErrorObject): string {
  const where = e.instancePath || '(body)';
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return `${where} has unexpected property "${String(p.additionalProperty)}"`;
  if (e.keyword === 'enum') return `${where} ${e.message}: ${JSON.stringify(p.allowedValues)}`;
  return `${where} ${e.message}`;
}

function walk(node: unknown, visit: (n: Json) => void) {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (!node || typeof node !== 'object') return;
  visit(node as Json);
  for (const child of Object.values(node)) walk(child, visit);
}

// OpenAPI 3.0 "nullable: true" is not JSON Schema. Ajv's own support refuses it without "type" and
// leaves null out of an "enum", both of which this spec does (image: allOf; backups.schedule.day).
function nullableToTypes(n: Json) {
  if (typeof n.nullable !== 'boolean') return;
  const nullable = n.nullable;
  delete n.nullable;
  if (!nullable) return;
  if (Array.isArray(n.enum) && !n.enum.includes(null)) n.enum.push(null);
  if (typeof n.type === 'string') n.type = [n.type, 'null'];
  else if (Array.isArray(n.type)) {
    if (!n.type.includes('null')) n.type.push('null');
  } else {
    const rest = { ...n };
    for (const k of Object.keys(n)) delete n[k];
    n.anyOf = [{ type: 'null' }, rest];
  }
}

function applyErrata(n: Json) {
  const props = n.properties as Record<string, Json> | undefined;
  if (!props || typeof props !== 'object') return;
  if (props.last_successful && props.schedule) props.last_successful.nullable = true;
  if (props.current && props.in_progress) props.current.nullable = props.in_progress.nullable = true;
  if (props.secondary_entity && props.rate) props.secondary_entity.nullable = props.rate.nullable = true;
  if (props['site-type']) {
    props.site_type = props['site-type'];
    delete props['site-type'];
  }
}

// The API's timestamps are UTC without a zone suffix; a suffix is accepted too.
function isLinodeDateTime(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 61;
}

function formatsIn(doc: Json): Set<string> {
  const formats = new Set<string>();
  walk(doc, (n) => typeof n.format === 'string' && formats.add(n.format));
  return formats;
}

function at(node: Json, keys: string[]): Json {
  return keys.reduce<Json>((n, k) => n[k] as Json, node);
}
