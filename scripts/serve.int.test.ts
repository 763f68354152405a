import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { webProcesses } from './serve.mjs';

// scripts/serve.mjs with LIFEBOAT_WEB_PROCESSES: real processes on a real port, over a fake Next
// (tests/fake-next) so no build is needed. The web processes share the port, only the first
// runs the job worker, one that dies is replaced, and SIGTERM lets a request in progress end
// before everything stops.

type Answer = { pid: number; index: string; worker: string | null; client: string };

let server: ChildProcess | null = null;
afterEach(() => {
  if (server?.exitCode === null) server.kill('SIGKILL');
  server = null;
});

function start(port: number, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', './tests/fake-next/register.mjs', 'tests/fake-next/serve.mjs'], {
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', () => output.includes('ready') && resolve());
    void exited.then(() => reject(new Error(`exited before ready: ${output}`)));
  });
  return { child, ready, exited, output: () => output };
}

/** One request, by default on a connection of its own, so the primary hands each to the next process. */
function request(port: number, pathname = '/', agent: http.Agent | false = false) {
  return new Promise<{ answer: Answer; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: pathname, agent }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ answer: JSON.parse(body), headers: res.headers }));
      })
      .on('error', reject);
  });
}

const get = async (port: number, pathname = '/') => (await request(port, pathname)).answer;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('LIFEBOAT_WEB_PROCESSES', () => {
  it('reads 1 unless set, a number, or auto as one per CPU, and refuses anything else', () => {
    expect(webProcesses(undefined, 2)).toBe(1);
    expect(webProcesses('', 2)).toBe(1);
    expect(webProcesses('3', 2)).toBe(3);
    expect(webProcesses('auto', 2)).toBe(2);
    expect(webProcesses(' AUTO ', 8)).toBe(8);
    for (const bad of ['0', '-1', '1.5', 'two', '65'])
      expect(() => webProcesses(bad, 2)).toThrow(/LIFEBOAT_WEB_PROCESSES must be/);
  });

  it('serves from two processes on one port, keeps the job worker in the first, replaces one that dies, and stops gracefully', async () => {
    const port = 3217;
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-serve-')), 'log');
    fs.writeFileSync(log, '');
    const s = start(port, { LIFEBOAT_WEB_PROCESSES: '2', FAKE_NEXT_LOG: log });
    await s.ready;

    const answers = await Promise.all(Array.from({ length: 12 }, () => get(port)));
    const byIndex = new Map(answers.map((a) => [a.index, a]));
    expect([...byIndex.keys()].sort()).toEqual(['1', '2']);
    expect(new Set(answers.map((a) => a.pid)).size).toBe(2);
    expect(byIndex.get('1')!.worker).toBeNull();
    expect(byIndex.get('2')!.worker).toBe('0');
    expect(answers.every((a) => a.client === '127.0.0.1')).toBe(true);

    // Web process 2 is killed: another takes its place (after a pause, as it died young).
    const dead = byIndex.get('2')!.pid;
    process.kill(dead, 'SIGKILL');
    let replaced: Answer | undefined;
    for (let i = 0; i < 60 && !replaced; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const seen = await Promise.all([get(port), get(port)]);
      replaced = seen.find((a) => a.index === '2' && a.pid !== dead);
    }
    expect(replaced, s.output()).toBeDefined();
    expect(replaced!.worker).toBe('0');
    expect(s.output()).toMatch(/Web process 2 \(pid \d+\) stopped \(signal SIGKILL\); starting another/);

    // SIGTERM while a slow request is in flight on a kept-alive connection: it is answered (and
    // the connection closed after it), then every process is gone.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await request(port, '/', agent)).headers.connection).toBe('keep-alive');
    const slow = request(port, '/slow', agent);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const pids = [byIndex.get('1')!.pid, replaced!.pid];
    s.child.kill('SIGTERM');
    const last = await slow;
    expect(last.answer.pid).toBeGreaterThan(0);
    expect(last.headers.connection).toBe('close');
    agent.destroy();
    expect(await s.exited).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
    expect(fs.readFileSync(log, 'utf8')).toBe('worker stopped in 1\n');
  }, 60_000);

  it('gives up, with the reason, when a web process cannot start', async () => {
    const s = start(3218, { LIFEBOAT_WEB_PROCESSES: '2', FAKE_NEXT_FAIL: '1' });
    await expect(s.ready).rejects.toThrow();
    expect(await s.exited).not.toBe(0);
    expect(s.output()).toMatch(/Web process \d stopped \(code 1\) before it was serving/);
  });

  it('with one process serves in this process itself, as before', async () => {
    const s = start(3218, { LIFEBOAT_WEB_PROCESSES: '1', FAKE_NEXT_LOG: '/dev/null' });
    await s.ready;
    const answer = await get(3218);
    expect(answer).toMatchObject({ pid: s.child.pid, index: null, worker: null });
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('renders pages a few at a time, the rest in the order they came, while the API goes straight through', async () => {
    const s = start(3218, { LIFEBOAT_WEB_PROCESSES: '1', LIFEBOAT_WEB_RENDERS: '1', FAKE_NEXT_LOG: '/dev/null' });
    await s.ready;
    const ended: string[] = [];
    const timed = (pathname: string) => get(3218, pathname).then(() => void ended.push(pathname));
    const slow = timed('/slow');
    await new Promise((r) => setTimeout(r, 200));
    // Behind the slow page: this page waits for its turn; an API request does not.
    const page = timed('/instances');
    const api = timed('/api/health');
    await Promise.all([slow, page, api]);
    expect(ended).toEqual(['/api/health', '/slow', '/instances']);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });
});
