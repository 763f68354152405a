import { describe, expect, it } from 'vitest';
import { backupRecord, imageRecord, readStoreRecord } from './store-record';

const owners = {
  team: { id: 't1', name: 'Platform', extra: 'dropped' },
  account: { id: 'a1', name: 'Local', kind: 'local' },
  instance: { id: 'i1', label: 'web-1', region: 'eu-central', plan: 'nano-1' },
  disk: { id: 'd1', label: 'Primary disk' },
};

describe('store records', () => {
  it('describe an image and read back the same', () => {
    const record = imageRecord(
      { id: 'img1', label: 'golden', description: 'base', createdById: 'u1', createdByName: 'Ann' },
      owners,
    );
    expect(record).toMatchObject({
      kind: 'image',
      id: 'img1',
      team: { id: 't1', name: 'Platform' },
      createdBy: { id: 'u1', name: 'Ann' },
    });
    expect(record.team).not.toHaveProperty('extra');
    expect(readStoreRecord(JSON.parse(JSON.stringify(record)))).toEqual({ record });
  });

  it('describe a backup with its kind and window', () => {
    const windowStart = new Date('2026-12-01T02:00:00Z');
    const record = backupRecord(
      { id: 'b1', label: '', kind: 'automatic', windowStart, createdById: null, createdByName: 'Lifeboat' },
      owners,
    );
    expect(record.backup).toEqual({ kind: 'automatic', windowStart: '2026-12-01T02:00:00.000Z' });
    expect(readStoreRecord(record)).toEqual({ record });
  });

  it('say why a record cannot be used', () => {
    expect(readStoreRecord(undefined)).toEqual({
      problem: expect.stringMatching(/before images and backups described themselves/),
    });
    expect(readStoreRecord({ kind: 'image', id: 'x' })).toEqual({
      problem: expect.stringMatching(/^its description is unreadable \(label: /),
    });
  });
});
