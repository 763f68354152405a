// The OpenAPI document as the reference page lists it: per tag, each operation's method, path,
// words and input fields with their types in short. Pure: it reads only the document.

type Json = Record<string, unknown>;
type Field = { name: string; in: string; required: boolean; type: string };
export type ReferenceOperation = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  status: string;
  fields: Field[];
};

/** A JSON schema in a few words: "string", "integer", "one of: a, b", "array of string". */
export function typeOf(schema: Json | undefined): string {
  if (!schema) return 'any';
  if (Array.isArray(schema.enum)) return `one of: ${schema.enum.join(', ')}`;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).map(typeOf).join(' or ');
  if (schema.type === 'array') return `array of ${typeOf(schema.items as Json)}`;
  if (typeof schema.type === 'string') return schema.type;
  return 'any';
}

export function apiReference(doc: Json): { tag: string; operations: ReferenceOperation[] }[] {
  const groups = new Map<string, ReferenceOperation[]>();
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = ((op.parameters as Json[]) ?? []).map((p) => ({
        name: String(p.name),
        in: String(p.in),
        required: p.required === true,
        type: typeOf(p.schema as Json),
      }));
      const body = (op.requestBody as Json | undefined)?.content as Record<string, { schema: Json }> | undefined;
      const schema = body?.['application/json']?.schema;
      const required = (schema?.required as string[]) ?? [];
      const bodyFields = Object.entries((schema?.properties as Record<string, Json>) ?? {}).map(([name, s]) => ({
        name,
        in: 'body',
        required: required.includes(name),
        type: typeOf(s),
      }));
      const tag = ((op.tags as string[]) ?? ['Other'])[0];
      const list = groups.get(tag) ?? [];
      list.push({
        id: String(op.operationId),
        method: method.toUpperCase(),
        path: `/api/v1${path}`,
        summary: String(op.summary ?? ''),
        description: op.description as string | undefined,
        status: Object.keys(op.responses as Json).find((s) => s.startsWith('2')) ?? '200',
        fields: [...params, ...bodyFields],
      });
      groups.set(tag, list);
    }
  }
  return [...groups].map(([tag, operations]) => ({ tag, operations }));
}
