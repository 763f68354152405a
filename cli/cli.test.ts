import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig, writeConfig } from './config.mjs';
import { EXIT, exitCodeFor } from './exit-codes.mjs';
import { formatBytes, formatSeconds, progressLine } from './progress.mjs';
import { run } from './commands.mjs';

describe('the lifeboat command', () => {
  it('maps API statuses to the exit codes it documents', () => {
    expect([401, 403].map(exitCodeFor)).toEqual([EXIT.auth, EXIT.auth]);
    expect(exitCodeFor(404)).toBe(EXIT.notFound);
    expect([400, 409, 415, 422, 429].map(exitCodeFor)).toEqual(Array(5).fill(EXIT.refused));
    expect([500, 502].map(exitCodeFor)).toEqual([EXIT.error, EXIT.error]);
  });

  it('draws a progress line with the share done, speed and time left', () => {
    const line = progressLine(
      {
        name: 'Capture image',
        bytesDone: 1_200_000_000,
        bytesTotal: 2_400_000_000,
        speedBps: 180_000_000,
        etaSeconds: 7,
        status: 'running',
      },
      10,
    );
    expect(line).toBe('Capture image  [#####-----]   50%  1.2 GB of 2.4 GB  180 MB/s  ETA 7 s');
    expect(
      progressLine(
        { kind: 'backup.capture', bytesDone: 0, bytesTotal: 0, speedBps: null, etaSeconds: null, status: 'queued' },
        4,
      ),
    ).toBe('backup.capture  [----]    0%  (queued)');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatSeconds(3725)).toBe('1 h 2 min');
  });

  it('keeps the server and token readable by its owner only, and lets the environment override them', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-cli-unit-'));
    try {
      const env = { XDG_CONFIG_HOME: home };
      const file = writeConfig({ url: 'http://a', token: 'lbt_x' }, env);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(readConfig(env)).toEqual({ url: 'http://a', token: 'lbt_x' });
      expect(readConfig({ ...env, LIFEBOAT_TOKEN: 'lbt_y' }).token).toBe('lbt_y');
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('refuses an unknown command or a restore without --yes before calling anyone', async () => {
    const out: string[] = [];
    const ctx = {
      out: (t: string) => out.push(t),
      err: { write: () => true, isTTY: false },
      env: { XDG_CONFIG_HOME: '/nonexistent' },
    };
    await expect(run(['frobnicate'], {}, ctx)).rejects.toMatchObject({ code: EXIT.usage });
    expect(await run(['help'], {}, ctx)).toBe(EXIT.ok);
    expect(out.join('\n')).toContain('Exit codes: 0 done');
    await expect(run(['instances'], {}, ctx)).rejects.toMatchObject({ code: EXIT.auth });
  });
});
