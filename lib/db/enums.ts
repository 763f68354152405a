// The model's closed sets of values, as the generated client types them (the same in both
// clients; the app types against the SQLite one, as lib/db/client.ts explains). Import types
// from here rather than from lib/generated.
export type {
  AuditResult,
  BackupKind,
  BackupSlot,
  BackupStatus,
  DiskKind,
  ImageStatus,
  InstanceStatus,
  JobStatus,
  MembershipRole,
  StoreLeaseKind,
} from '@/lib/generated/sqlite/enums';
