import { refuse } from './state';

// X-Filter and pagination as Linode documents them: {"field": value} for equality (a list field
// such as tags matches when it contains the value), operators "+gt" "+gte" "+lt" "+lte" "+neq"
// "+contains", "+and"/"+or" lists, and "+order_by"/"+order". Only fields the spec marks
// filterable may be used; anything else is a 400, so a client cannot rely on a filter the real
// API would refuse.

type Filter = Record<string, unknown>;
export type Page<T> = { data: T[]; page: number; pages: number; results: number };
export type Order = { by: string; order: 'asc' | 'desc' };

const badFilter = (reason: string) => refuse(reason, 'X-Filter');
const isObject = (v: unknown): v is Filter => !!v && typeof v === 'object' && !Array.isArray(v);

export function parseFilter(header: string | string[] | undefined): Filter | undefined {
  if (header === undefined || header === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Array.isArray(header) ? header[0] : header);
  } catch {
    throw badFilter('X-Filter must be valid JSON');
  }
  if (!isObject(parsed)) throw badFilter('X-Filter must be a JSON object');
  return parsed;
}

/** The items that match, in the filter's order, else `fallback`, else as given. */
export function applyFilter<T extends object>(
  items: T[],
  filter: Filter | undefined,
  filterable: Set<string>,
  fallback?: Order,
): T[] {
  const matching = filter ? items.filter((item) => matches(item, filter, filterable, '')) : [...items];
  const by = filter?.['+order_by'] ?? fallback?.by;
  const order = filter?.['+order'] ?? (filter?.['+order_by'] ? 'asc' : (fallback?.order ?? 'asc'));
  if (by === undefined) return matching;
  if (typeof by !== 'string' || (filter?.['+order_by'] !== undefined && !filterable.has(by)))
    throw badFilter(`Cannot sort on ${String(by)}`);
  if (order !== 'asc' && order !== 'desc') throw badFilter('+order must be "asc" or "desc"');
  const sign = order === 'asc' ? 1 : -1;
  return matching.sort((a, b) => sign * compare(valueAt(a, by), valueAt(b, by)));
}

/** page and page_size from the query (page_size 25 to 500, default 100, as the spec says). */
export function paginate<T>(items: T[], query: URLSearchParams): Page<T> {
  const page = integer(query.get('page'), 1, 'page');
  const size = integer(query.get('page_size'), 100, 'page_size');
  if (page < 1) throw refuse('page must be 1 or more', 'page');
  if (size < 25 || size > 500) throw refuse('page_size must be between 25 and 500', 'page_size');
  const pages = Math.max(1, Math.ceil(items.length / size));
  return { data: items.slice((page - 1) * size, page * size), page, pages, results: items.length };
}

function matches(item: object, filter: Filter, filterable: Set<string>, prefix: string): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '+order_by' || key === '+order') return true;
    if (key === '+and' || key === '+or') {
      if (!Array.isArray(condition) || !condition.every(isObject)) throw badFilter(`${key} takes a list of filters`);
      const test = (f: Filter) => matches(item, f, filterable, prefix);
      return key === '+and' ? condition.every(test) : condition.some(test);
    }
    if (key.startsWith('+')) throw badFilter(`Unknown operator ${key}`);
    const field = prefix + key;
    // {"entity": {"id": 1}} is the same filter as {"entity.id": 1}.
    if (isObject(condition) && !Object.keys(condition).some((k) => k.startsWith('+')))
      return matches(item, condition, filterable, `${field}.`);
    if (!filterable.has(field)) throw badFilter(`Cannot filter on ${field}`);
    const value = valueAt(item, field);
    if (!isObject(condition)) return test(value, '+eq', condition);
    return Object.entries(condition).every(([op, arg]) => test(value, op, arg));
  });
}

function test(value: unknown, op: string, arg: unknown): boolean {
  if (Array.isArray(value)) return op === '+neq' ? !value.includes(arg) : value.some((v) => test(v, op, arg));
  switch (op) {
    case '+eq':
      return value === arg;
    case '+neq':
      return value !== arg;
    case '+contains':
      return typeof value === 'string' && typeof arg === 'string' && value.toLowerCase().includes(arg.toLowerCase());
    case '+gt':
      return compare(value, arg) > 0;
    case '+gte':
      return compare(value, arg) >= 0;
    case '+lt':
      return compare(value, arg) < 0;
    case '+lte':
      return compare(value, arg) <= 0;
    default:
      throw badFilter(`Unknown operator ${op}`);
  }
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

function valueAt(item: object, field: string): unknown {
  return field.split('.').reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), item);
}

function integer(raw: string | null, fallback: number, field: string): number {
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw refuse(`${field} must be an integer`, field);
  return n;
}
