import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// Checks API answers against an OpenAPI document: the status must be one the operation declares
// and the body must match that status's schema. Pure (ajv over the document), so both the
// integration tests (tests/api-client.ts) and the end-to-end specs, which fetch the document
// from the running server, use it.

type Json = Record<string, unknown>;
type Doc = { paths: Record<string, Record<string, Json>>; components: Json };

// Refs inside an operation point at the document's components; ajv resolves them through the
// schema registered as "lifeboat".
const rewrite = (schema: Json): Json =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"lifeboat#/components/')) as Json;

export function documentChecker(document: unknown) {
  const doc = document as Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'lifeboat', components: doc.components } as Json, 'lifeboat');
  const templates = Object.keys(doc.paths).map((t) => ({
    template: t,
    regex: new RegExp(`^${t.replace(/\{[A-Za-z]+\}/g, '[^/]+')}/?$`),
  }));
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();

  function schemaFor(method: string, template: string, status: number): Json {
    const op = doc.paths[template][method.toLowerCase()];
    const response = (op.responses as Record<string, Json>)[String(status)];
    if (!response) throw new Error(`${method} ${template} answered ${status}, which the document does not declare`);
    return (response.content as Record<string, { schema: Json }>)['application/json'].schema;
  }

  /** Throws, with ajv's errors, for an answer the document does not allow. */
  return function check(method: string, pathname: string, status: number, body: unknown): void {
    const found = templates.find((t) => t.regex.test(pathname));
    // An unknown endpoint (404) or method (405) answers the error shape, under no operation.
    const outside = !found || !doc.paths[found.template][method.toLowerCase()];
    if (outside && status !== 404 && status !== 405)
      throw new Error(`${method} ${pathname} answered ${status}, but it is not an operation of the document`);
    const key = outside ? 'error' : `${method} ${found.template} ${status}`;
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.compile(
        outside ? { $ref: 'lifeboat#/components/schemas/Error' } : rewrite(schemaFor(method, found.template, status)),
      );
      validators.set(key, validate);
    }
    if (!validate(body))
      throw new Error(
        `${method} ${pathname} ${status}: the answer does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 2000)}`,
      );
  };
}
