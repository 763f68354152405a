import type { LinodeBackup } from '@linode/api-v4';
import { describe, expect, it } from 'vitest';
import { backupsOf } from './inventory';

const MiB = 1024 * 1024;
const backup = (id: number, fields: Partial<LinodeBackup>): LinodeBackup =>
  ({
    id,
    label: null,
    type: 'auto',
    status: 'successful',
    available: true,
    created: '2026-11-29T10:00:00',
    updated: '',
    finished: '2026-11-29T10:30:00',
    configs: [],
    disks: [
      { label: 'disk', size: 25_600, filesystem: 'ext4' },
      { label: 'swap', size: 512, filesystem: 'swap' },
    ],
    ...fields,
  }) as LinodeBackup;

describe("a Linode's backups in Lifeboat's terms", () => {
  it('lists the automatic ones newest first, then the snapshot, with sizes in bytes and UTC times', () => {
    const list = backupsOf({
      automatic: [backup(1, { created: '2026-11-20T10:00:00' }), backup(2, { created: '2026-11-29T10:00:00' })],
      snapshot: {
        current: backup(3, { type: 'snapshot', label: 'before' }),
        in_progress: backup(4, { type: 'snapshot', status: 'running', finished: undefined }),
      },
    });
    expect(list.map((b) => [b.remoteId, b.kind, b.status])).toEqual([
      ['2', 'automatic', 'successful'],
      ['1', 'automatic', 'successful'],
      ['3', 'snapshot', 'successful'],
      ['4', 'snapshot', 'running'],
    ]);
    expect(list[0].sizeBytes).toBe(26_112 * MiB);
    expect(list[0].takenAt?.toISOString()).toBe('2026-11-29T10:30:00.000Z');
    expect(list[3].takenAt).toBeNull();
  });

  it("maps Linode's other states onto Lifeboat's four", () => {
    const states = (['paused', 'needsPostProcessing', 'userAborted', 'failed'] as const).map(
      (status) =>
        backupsOf({ automatic: [backup(1, { status })], snapshot: { current: null, in_progress: null } })[0].status,
    );
    expect(states).toEqual(['pending', 'running', 'failed', 'failed']);
  });
});
