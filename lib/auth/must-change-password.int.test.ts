import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { READ_CASES } from '@/tests/permissions/read-cases';
import { createWorld, mustChangeUserOf, queuedJobOf, type World } from '@/tests/permissions/world';
import { GET as getAuditExport } from '@/app/api/audit/export/route';
import { GET as getJob } from '@/app/api/jobs/[id]/route';
import { MUST_CHANGE_PASSWORD } from './permissions';
import { PasswordChangeRequiredError } from './session';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { signInAs } from '@/tests/session';

// "Choose your own password first" covers reads, not only actions: a user holding an admin's
// one-time password is refused every page read in lib/data and every API route, where the
// caller is resolved (lib/auth/session.ts). The same user, once the flag is cleared, sees each
// resource, so each refusal is the gate's doing. As in the permission matrix, only the session
// lookup (which user a cookie names) and Next's request-scoped helpers are stood in for.

vi.mock('next-auth', async (original) => (await import('@/tests/next-request')).nextAuth(await original()));
vi.mock('next/headers', async () => (await import('@/tests/next-request')).nextHeaders('192.0.2.8'));
vi.mock('next/cache', async () => (await import('@/tests/next-request')).nextCache);

const dataModules = import.meta.glob<Record<string, unknown>>(['../data/*.ts', '!../data/*.test.ts'], { eager: true });
const reads = new Map<string, (...args: unknown[]) => Promise<unknown>>();
for (const [file, mod] of Object.entries(dataModules)) {
  for (const [name, fn] of Object.entries(mod))
    if (typeof fn === 'function') reads.set(`${path.basename(file, '.ts')}.${name}`, fn as never);
}

/** How a read turned the caller away: a redirect (to where), the API refusal, or not at all. */
async function outcome(read: () => Promise<unknown>): Promise<{ refusedWith: string } | { value: unknown }> {
  try {
    return { value: await read() };
  } catch (error) {
    const digest = (error as { digest?: unknown })?.digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT'))
      return { refusedWith: `redirect ${digest.split(';')[2]}` };
    if (error instanceof PasswordChangeRequiredError) return { refusedWith: error.message };
    throw error;
  }
}

describe.each(PROVIDERS)('a one-time password gates every read on %s', (provider) => {
  let t: TestDatabase;
  let w: World;
  let user: { id: string };
  const gate = (on: boolean) => t.db.user.update({ where: { id: user.id }, data: { mustChangePassword: on } });

  beforeAll(async () => {
    t = await openAppDatabase(provider);
    w = await createWorld(t.db);
    user = await mustChangeUserOf(w);
    signInAs(user.id);
  });
  afterAll(async () => {
    signInAs(null);
    await closeAppDatabase(t);
  });

  it('covers every read in lib/data', () => {
    expect([...reads.keys()].sort()).toEqual(Object.keys(READ_CASES).sort());
  });

  it.each(Object.keys(READ_CASES))('read %s refuses a caller who must still change their password', async (name) => {
    const c = READ_CASES[name];
    const { args, arranged } = await c.arrange(w);
    const read = () => reads.get(name)!(...args);
    await gate(false);
    const open = await outcome(read);
    expect('value' in open && (await c.shown(open.value, arranged)), 'the same user without the gate sees it').toBe(
      true,
    );
    await gate(true);
    const gated = await outcome(read);
    // Page reads send the browser to Settings; the API's reads throw for a 403.
    expect(gated).toEqual({
      refusedWith: expect.stringMatching(/^redirect \/settings$|^Choose your own password in Settings first\.$/),
    });
  });

  it('answers the job and audit export routes with 403 and the reason, in JSON', async () => {
    const job = await queuedJobOf(w);
    await gate(false);
    expect(
      (await getJob(new Request('http://x/api/jobs/' + job.id), { params: Promise.resolve({ id: job.id }) })).status,
    ).toBe(200);
    expect((await getAuditExport(new NextRequest('http://x/api/audit/export'))).status).toBe(200);
    await gate(true);
    const jobResponse = await getJob(new Request('http://x/api/jobs/' + job.id), {
      params: Promise.resolve({ id: job.id }),
    });
    expect(jobResponse.status).toBe(403);
    expect(await jobResponse.json()).toEqual({ error: MUST_CHANGE_PASSWORD });
    const exportResponse = await getAuditExport(new NextRequest('http://x/api/audit/export'));
    expect(exportResponse.status).toBe(403);
    expect(exportResponse.headers.get('content-type')).toMatch(/application\/json/);
    expect(await exportResponse.json()).toEqual({ error: MUST_CHANGE_PASSWORD });
  });
});
