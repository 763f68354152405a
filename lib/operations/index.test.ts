import { describe, expect, it } from 'vitest';
import { auditJobName } from '@/lib/domain/progress';
import { jobName, OPERATIONS } from './index';

describe('the operations catalogue', () => {
  it('names a backup job by its kind: the manual snapshot or an automatic backup', () => {
    expect(jobName('backup.capture', { backupId: 'b', backupKind: 'snapshot' })).toBe('Take snapshot');
    expect(jobName('backup.capture', { backupId: 'b', backupKind: 'automatic' })).toBe('Automatic backup');
    expect(jobName('image.capture', { imageId: 'i' })).toBe('Capture image');
    expect(jobName('backup.restore', null)).toBe('Restore from backup');
  });

  it('names the action that starts a job in the audit log as the job is named', () => {
    expect(auditJobName('backups.snapshot')).toBe(jobName('backup.capture', { backupKind: 'snapshot' }));
    expect(auditJobName('image.capture')).toBe(jobName('image.capture'));
    expect(auditJobName('backups.restore')).toBe(jobName('backup.restore'));
    expect(auditJobName('backups.verify')).toBe(jobName('backup.verify'));
    expect(auditJobName('image.deploy')).toBe(jobName('image.deploy'));
    expect(auditJobName('backups.deploy')).toBe(jobName('backup.deploy'));
    expect(auditJobName('account.sync')).toBe(jobName('account.sync'));
    expect(auditJobName('team.rename')).toBeNull();
  });

  it('has one operation per kind', () => {
    const kinds = OPERATIONS.map((op) => op.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  it('names a kind it does not know by the kind itself', () => {
    expect(jobName('test.slow', {})).toBe('test.slow');
  });
});
