import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from './api';
import { createLinodeClient, LinodeApiError, type LinodeClient } from './client';

// Every request api.ts can make is sent to Stoplight Prism mocking the official Linode OpenAPI
// spec, with request validation on: a path, method, parameter or body field the spec does not
// accept makes Prism answer 4xx and list the violations in its sl-violations header, and the
// case fails. Prism's answers are the spec's own examples (some of them invalid against the
// spec's schemas), so responses are not judged here, only requests.

const ROOT = path.resolve(import.meta.dirname, '../../..');
// CI checks the shared folder out beside the repository.
const SPEC_PATH = path.resolve(ROOT, '../shared/linode/openapi-4.189.0.json');
const PRISM = path.join(ROOT, 'node_modules/.bin/prism');

type Spec = { paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema?: object }[] }>> };
type Sent = { call: string; status: number; violations: string[] };

const sent: Sent[] = [];
let prism: ChildProcess | undefined;
let prismLog = '';
let client: LinodeClient;

// Each exported function, called as the provider would; the keys must be exactly api.ts's exports.
const cases: Record<keyof typeof api, (c: LinodeClient) => Promise<unknown>> = {
  getProfile: (c) => api.getProfile(c),
  listInstances: async (c) => {
    await api.listInstances(c);
    await api.listInstances(c, { tags: 'lifeboat' });
  },
  getInstance: (c) => api.getInstance(c, 123),
  listDisks: (c) => api.listDisks(c, 123),
  captureImage: (c) =>
    api.captureImage(c, { disk_id: 25674, label: 'web-2026-12-01', description: 'Captured by Lifeboat' }),
  listImages: (c) => api.listImages(c),
  getImage: (c) => api.getImage(c, 'private/15'),
  updateImage: async (c) => {
    await api.updateImage(c, 'private/15', { label: 'web gold', description: 'Nightly build' });
    await api.updateImage(c, 'private/15', { description: '' });
  },
  deleteImage: (c) => api.deleteImage(c, 'private/15'),
  enableBackups: (c) => api.enableBackups(c, 123),
  cancelBackups: (c) => api.cancelBackups(c, 123),
  listBackups: (c) => api.listBackups(c, 123),
  takeSnapshot: (c) => api.takeSnapshot(c, 123, 'before-upgrade'),
  updateBackupSchedule: async (c) => {
    await api.updateBackupSchedule(c, 123, { day: 'Saturday', window: 'W6' });
    await api.updateBackupSchedule(c, 123, { day: 'Scheduling', window: 'Scheduling' });
  },
  restoreBackup: (c) => api.restoreBackup(c, 123, 456, { linode_id: 124, overwrite: true }),
  createInstanceFromImage: (c) =>
    api.createInstanceFromImage(c, {
      region: 'us-east',
      type: 'g6-standard-1',
      label: 'lifeboat-web-1',
      image: 'private/15',
      root_pass: 'k8#Vq2!mZp9@wLx4',
      tags: ['lifeboat'],
    }),
  createInstanceFromBackup: (c) =>
    api.createInstanceFromBackup(c, {
      region: 'us-east',
      type: 'g6-standard-1',
      label: 'lifeboat-restore-1',
      backup_id: 456,
    }),
  deleteInstance: (c) => api.deleteInstance(c, 123),
  listTypes: (c) => api.listTypes(c),
  listRegions: (c) => api.listRegions(c),
  listEvents: (c) => api.listEvents(c, { 'entity.id': 123, 'entity.type': 'linode' }),
  getEvent: (c) => api.getEvent(c, 987),
};

// Prism reads a header parameter in OpenAPI's "simple" style (k,v,k,v) because the spec gives
// X-Filter a schema and no JSON content type, so it rejects the JSON the real API requires.
// Where the spec declares X-Filter, the JSON is checked here against the spec's schema instead,
// and the header is taken off before Prism sees it. Elsewhere Prism ignores the header.
function recordingFetch(spec: Spec): typeof fetch {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const filterChecks = new Map<string, ValidateFunction>();
  const routes = Object.entries(spec.paths)
    .map(([template, ops]) => ({ template, ops, pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`) }))
    // Literal paths (/images/upload) before templated ones (/images/{imageId}).
    .sort((a, b) => a.template.split('{').length - b.template.split('{').length);

  return async (input, init) => {
    const url = new URL(String(input));
    const method = (init?.method ?? 'GET').toLowerCase();
    const headers = { ...(init?.headers as Record<string, string>) };
    const violations: string[] = [];
    const route = routes.find((r) => r.pattern.test(url.pathname) && r.ops[method]);
    if (!route) violations.push(`no ${method.toUpperCase()} ${url.pathname} in the spec`);
    const declared = route?.ops[method].parameters?.find(
      (p) => p.in === 'header' && p.name.toLowerCase() === 'x-filter',
    );
    if (declared?.schema && headers['X-Filter'] !== undefined) {
      const key = `${method} ${route!.template}`;
      if (!filterChecks.has(key)) filterChecks.set(key, ajv.compile(declared.schema));
      const check = filterChecks.get(key)!;
      if (!check(JSON.parse(headers['X-Filter']))) violations.push(`X-Filter: ${ajv.errorsText(check.errors)}`);
      delete headers['X-Filter'];
    }
    const response = await fetch(url, { ...init, headers });
    const reported = JSON.parse(response.headers.get('sl-violations') ?? '[]') as {
      location: string[];
      message: string;
    }[];
    violations.push(...reported.filter((v) => v.location[0] === 'request').map((v) => v.message));
    sent.push({ call: `${method.toUpperCase()} ${url.pathname}${url.search}`, status: response.status, violations });
    return response;
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Loading the 2.6 MB spec takes Prism a few seconds, and up to 30 on a busy CI machine.
async function waitUntilAnswering(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Prism exited (${child.exitCode}):\n${prismLog}`);
    try {
      if ((await fetch(`${baseUrl}/regions`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Prism did not answer within ${timeoutMs / 1000} s:\n${prismLog}`);
}

describe('Linode API v4 requests against the official OpenAPI spec (Prism)', () => {
  beforeAll(async () => {
    if (!fs.existsSync(SPEC_PATH)) throw new Error(`The Linode OpenAPI spec is missing: ${SPEC_PATH}`);
    const spec = JSON.parse(fs.readFileSync(SPEC_PATH, 'utf8')) as Spec;
    const port = await freePort();
    prism = spawn(PRISM, ['mock', '-h', '127.0.0.1', '-p', String(port), SPEC_PATH], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Keep only the end of the log (for the failure message); reading it also keeps the pipes from filling.
    const keep = (chunk: Buffer) => (prismLog = (prismLog + chunk.toString()).slice(-4000));
    prism.stdout?.on('data', keep);
    prism.stderr?.on('data', keep);
    const baseUrl = `http://127.0.0.1:${port}/v4`;
    await waitUntilAnswering(baseUrl, prism, 90_000);
    client = createLinodeClient({ token: 'contract-test-token', baseUrl, fetch: recordingFetch(spec), maxRetries: 0 });
  }, 120_000);

  afterAll(async () => {
    if (!prism || prism.exitCode !== null) return;
    const exited = new Promise((resolve) => prism!.once('exit', resolve));
    prism.kill('SIGTERM');
    const timer = setTimeout(() => prism?.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  });

  it('has a contract case for every function api.ts exports', () => {
    const exported = Object.entries(api)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name);
    expect(Object.keys(cases).sort()).toEqual(exported.sort());
  });

  it.each(Object.entries(cases))('%s sends only requests the spec accepts', async (_name, run) => {
    sent.length = 0;
    const failure = await run(client).then(
      () => null,
      (error: unknown) => error,
    );
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((s) => s.status >= 300 || s.violations.length > 0)).toEqual([]);
    if (failure) throw failure;
  });

  it('Prism refuses a request the spec does not allow, so validation is on', async () => {
    sent.length = 0;
    const error = await client.request('POST', '/images', { body: { label: 'no disk' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinodeApiError);
    expect((error as LinodeApiError).status).toBe(422);
    expect(sent[0].violations.join(' ')).toMatch(/disk_id/);
  });
});
