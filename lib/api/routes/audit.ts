import 'server-only';
import { readAuditLog } from '@/lib/data/audit';
import { auditQuery } from '@/lib/schemas/audit';
import { route } from '../define';
import { auditPage } from '../views';

export const auditRoutes = [
  route({
    method: 'GET',
    path: '/audit',
    operationId: 'listAuditEntries',
    tag: 'Audit',
    summary: 'The audit log, newest first, filtered',
    description:
      "Filters as on the audit page: `user` and `team` (ids), `action` (a whole action such as `image.delete` or its family `image`), `from` and `to` (days, UTC), `result`. Members and viewers read their own teams' entries only.",
    input: auditQuery,
    output: auditPage,
    run: (q) => readAuditLog(q),
  }),
];
