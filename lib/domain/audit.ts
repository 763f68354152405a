// The names the audit trail is read and filtered by, shared by the writer, the reads and the
// filter form (a client component, so nothing here may reach the database).

export const AUDIT_RESULTS = ['success', 'refused', 'failure'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

// `action` is a whole name or its family: "image" matches image.delete but not imagery.x.
// `to` is exclusive (the caller passes the start of the day after the last one it wants).
export type AuditFilter = {
  userId?: string;
  teamId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  result?: AuditResult;
};
