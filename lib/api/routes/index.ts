import 'server-only';
import type { ApiRoute } from '../define';
import { adminRoutes } from './admin';
import { auditRoutes } from './audit';
import { backupRoutes } from './backups';
import { imageRoutes } from './images';
import { instanceRoutes } from './instances';
import { jobRoutes } from './jobs';
import { tokenRoutes } from './tokens';

/** Every endpoint of /api/v1, in the order the reference lists them. */
export const API_ROUTES: readonly ApiRoute[] = [
  ...instanceRoutes,
  ...imageRoutes,
  ...backupRoutes,
  ...jobRoutes,
  ...auditRoutes,
  ...tokenRoutes,
  ...adminRoutes,
];
