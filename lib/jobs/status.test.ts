import { describe, expect, it } from 'vitest';
import { isActive, reasonOf, retryDelayMs } from './status';

describe('job status rules', () => {
  it('counts queued and running as active', () => {
    expect(['queued', 'running', 'succeeded', 'failed', 'cancelled'].filter(isActive)).toEqual(['queued', 'running']);
  });

  it('doubles the retry delay up to a cap', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(20, 1000, 60_000)).toBe(60_000);
  });

  it('reads a plain reason from an error', () => {
    expect(reasonOf(new Error('The disk is over the ceiling.'))).toBe('The disk is over the ceiling.');
    expect(
      reasonOf(new Error('\nInvalid `db.image.update()` invocation in\n/x.ts:3\n\nRecord to update not found.')),
    ).toBe('Record to update not found.');
    expect(reasonOf('plain')).toBe('plain');
    expect(reasonOf({})).toBe('The job failed for an unknown reason.');
  });

  it("says what a failed system call means, without the server's paths", () => {
    const missing = Object.assign(
      new Error("ENOENT: no such file or directory, open '/var/lib/lifeboat/disks/x.img'"),
      {
        code: 'ENOENT',
        syscall: 'open',
        path: '/var/lib/lifeboat/disks/x.img',
      },
    );
    expect(reasonOf(missing)).toBe(
      'A file it needed is missing on the server: a disk or store file was moved or deleted [ENOENT, open].',
    );
    expect(reasonOf(Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC', syscall: 'write' }))).toBe(
      'The server ran out of disk space [ENOSPC, write].',
    );
    expect(reasonOf(Object.assign(new Error('odd'), { code: 'EXDEV', syscall: 'rename' }))).toBe(
      'A system call failed [EXDEV, rename].',
    );
    // An error of ours with a code, but no system call, keeps its own words.
    expect(reasonOf(Object.assign(new Error('The label is taken.'), { code: 'conflict' }))).toBe('The label is taken.');
  });
});
