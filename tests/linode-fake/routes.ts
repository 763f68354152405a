import { profile, REGIONS, TYPES } from './catalog';
import { applyFilter, paginate, parseFilter, type Order } from './filter';
import { filterableFields } from './spec';
import { backupsOf, cancelBackups, enableBackups, restoreBackup, takeSnapshot } from './state-backups';
import { captureImage, deleteImage, findImage, updateImage } from './state-images';
import { bootInstance, createInstance, deleteInstance, findBackup, listDisks, updateInstance } from './state-instances';
import { findInstance, notFound, type FakeState } from './state';

// The operations the fake serves, each under its exact path in the spec, so a response can be
// checked against the schema of the operation that produced it.

type RouteContext = {
  state: FakeState;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
};
export type Route = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handle: (ctx: RouteContext) => unknown;
  pattern: RegExp;
  names: string[];
};

const EMPTY = {};
// Without "+order_by" a list keeps the account's own order (creation, or the catalog's).
function list<T extends object>(ctx: RouteContext, path: string, items: T[], order?: Order) {
  return paginate(applyFilter(items, parseFilter(ctx.headers['x-filter']), filterableFields(path), order), ctx.query);
}
const id = (ctx: RouteContext, name: string) => Number(ctx.params[name]);

const table: Omit<Route, 'pattern' | 'names'>[] = [
  { method: 'GET', path: '/profile', handle: ({ state }) => profile(state.username) },

  {
    method: 'GET',
    path: '/linode/instances',
    handle: (ctx) => list(ctx, '/linode/instances', [...ctx.state.instances.values()]),
  },
  { method: 'POST', path: '/linode/instances', handle: (ctx) => createInstance(ctx.state, ctx.body) },
  {
    method: 'GET',
    path: '/linode/instances/{linodeId}',
    handle: (ctx) => findInstance(ctx.state, id(ctx, 'linodeId')),
  },
  {
    method: 'PUT',
    path: '/linode/instances/{linodeId}',
    handle: (ctx) => updateInstance(ctx.state, id(ctx, 'linodeId'), ctx.body),
  },
  {
    method: 'DELETE',
    path: '/linode/instances/{linodeId}',
    handle: (ctx) => (deleteInstance(ctx.state, id(ctx, 'linodeId')), EMPTY),
  },
  {
    method: 'POST',
    path: '/linode/instances/{linodeId}/boot',
    handle: (ctx) => (bootInstance(ctx.state, id(ctx, 'linodeId')), EMPTY),
  },
  {
    method: 'GET',
    path: '/linode/instances/{linodeId}/disks',
    handle: (ctx) => list(ctx, '/linode/instances/{linodeId}/disks', listDisks(ctx.state, id(ctx, 'linodeId'))),
  },

  {
    method: 'GET',
    path: '/linode/instances/{linodeId}/backups',
    handle: (ctx) => backupsOf(ctx.state, id(ctx, 'linodeId')),
  },
  {
    method: 'POST',
    path: '/linode/instances/{linodeId}/backups',
    handle: (ctx) => takeSnapshot(ctx.state, id(ctx, 'linodeId'), ctx.body),
  },
  {
    method: 'POST',
    path: '/linode/instances/{linodeId}/backups/enable',
    handle: (ctx) => (enableBackups(ctx.state, id(ctx, 'linodeId')), EMPTY),
  },
  {
    method: 'POST',
    path: '/linode/instances/{linodeId}/backups/cancel',
    handle: (ctx) => (cancelBackups(ctx.state, id(ctx, 'linodeId')), EMPTY),
  },
  {
    method: 'GET',
    path: '/linode/instances/{linodeId}/backups/{backupId}',
    handle: (ctx) => {
      const found = findBackup(ctx.state, id(ctx, 'backupId'));
      const inProgress = backupsOf(ctx.state, id(ctx, 'linodeId')).snapshot.in_progress;
      if (inProgress?.id === id(ctx, 'backupId')) return inProgress;
      if (!found || found.instance.id !== id(ctx, 'linodeId')) throw notFound();
      return found.backup;
    },
  },
  {
    method: 'POST',
    path: '/linode/instances/{linodeId}/backups/{backupId}/restore',
    handle: (ctx) => (restoreBackup(ctx.state, id(ctx, 'linodeId'), id(ctx, 'backupId'), ctx.body), EMPTY),
  },

  { method: 'GET', path: '/images', handle: (ctx) => list(ctx, '/images', [...ctx.state.images.values()]) },
  { method: 'POST', path: '/images', handle: (ctx) => captureImage(ctx.state, ctx.body) },
  { method: 'GET', path: '/images/{imageId}', handle: (ctx) => findImage(ctx.state, ctx.params.imageId) },
  { method: 'PUT', path: '/images/{imageId}', handle: (ctx) => updateImage(ctx.state, ctx.params.imageId, ctx.body) },
  { method: 'DELETE', path: '/images/{imageId}', handle: (ctx) => (deleteImage(ctx.state, ctx.params.imageId), EMPTY) },

  { method: 'GET', path: '/linode/types', handle: (ctx) => list(ctx, '/linode/types', [...TYPES]) },
  { method: 'GET', path: '/regions', handle: (ctx) => list(ctx, '/regions', [...REGIONS]) },

  // Newest first, as the API lists events.
  {
    method: 'GET',
    path: '/account/events',
    handle: (ctx) => list(ctx, '/account/events', ctx.state.events, { by: 'id', order: 'desc' }),
  },
  {
    method: 'GET',
    path: '/account/events/{eventId}',
    handle: (ctx) =>
      ctx.state.events.find((e) => e.id === id(ctx, 'eventId')) ??
      (() => {
        throw notFound();
      })(),
  },
];

// Numeric ids only, so ".../backups/enable" is never read as a backup id; an image id holds a
// slash ("private/12") and may arrive encoded or not.
const ROUTES: Route[] = table.map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return name === 'imageId' ? '(.+)' : '(\\d+)';
  });
  return { ...route, names, pattern: new RegExp(`^${source}$`) };
});

export function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | { pathOnly: Route } | undefined {
  let pathOnly: Route | undefined;
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (route.method !== method) {
      pathOnly ??= route;
      continue;
    }
    return { route, params: Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return pathOnly && { pathOnly };
}
