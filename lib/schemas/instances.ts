import { z } from 'zod';
import { checkbox } from './admin';
import { isLabelText, labelText, wholeNumber } from './text';

// The instance list's URL state: what the search box, column headers and pager write.
const INSTANCE_SORTS = ['label', 'status', 'region', 'plan', 'usage', 'backups', 'created'] as const;
export type InstanceSort = (typeof INSTANCE_SORTS)[number];
export const PAGE_SIZES = [20, 50, 100] as const;
/** The overview's backup lists in full: overdue or failing, waiting for a first, required but off. */
export const HEALTH_FILTERS = ['problem', 'waiting', 'required'] as const;
export type HealthFilter = (typeof HEALTH_FILTERS)[number];

// Anything odd in the URL falls back to the default rather than failing the page.
export const instanceListQuery = z.object({
  q: z.string().trim().max(64).refine(isLabelText).catch(''),
  sort: z.enum(INSTANCE_SORTS).catch('label'),
  dir: z.enum(['asc', 'desc']).catch('asc'),
  page: wholeNumber({ min: 1, max: 100_000, message: 'page' }).catch(1),
  size: wholeNumber({ min: 1, max: 1000, message: 'size' })
    .refine((n): n is (typeof PAGE_SIZES)[number] => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(20),
  health: z.enum(HEALTH_FILTERS).nullable().catch(null),
});

export type InstanceListQuery = z.infer<typeof instanceListQuery>;

/** Reads list state from Next's searchParams (values may be arrays; the first wins). */
export function parseInstanceListQuery(params: Record<string, string | string[] | undefined>): InstanceListQuery {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return instanceListQuery.parse({
    q: first(params.q) ?? '',
    sort: first(params.sort),
    dir: first(params.dir),
    page: first(params.page),
    size: first(params.size),
    health: first(params.health) ?? null,
  });
}

// Instance labels follow the service we model, so they move between the two unchanged.
export const instanceLabel = z
  .string()
  .trim()
  .min(3, 'A label needs at least 3 characters.')
  .max(64, 'A label can have at most 64 characters.')
  .regex(/^[A-Za-z]/, 'A label must start with a letter.')
  .regex(/^[A-Za-z0-9._-]+$/, 'Use only letters, digits, "-", "_" and ".".')
  .refine((s) => !/--|__|\.\./.test(s), 'A label cannot contain "--", "__" or "..".');

/** An admin moves an instance (with its backups) to another team. */
export const assignInstanceInput = z.object({
  instanceId: z.string().min(1),
  teamId: z.string().min(1, 'Choose a team.'),
});

/** An admin gives every instance of a remote account that carries a tag to a team. */
export const assignByTagInput = z.object({
  accountId: z.string().min(1),
  tag: labelText('Enter a tag.').min(1, 'Enter a tag.').max(100, 'A tag can have at most 100 characters.'),
  teamId: z.string().min(1, 'Choose a team.'),
  // Also give instances that appear later with the tag to the team (a standing rule).
  remember: checkbox,
});

export const removeTagRuleInput = z.object({ ruleId: z.string().min(1) });

/** Deleting an instance takes its exact label, typed. */
export const deleteInstanceInput = z.object({ instanceId: z.string().min(1), confirm: z.string().max(200) });
