import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiTokenAction } from '@/lib/actions/api-tokens';
import { initialState } from '@/lib/actions/state';
import { hashSecret } from '@/lib/services/api-tokens';
import { callApi } from '@/tests/api-client';
import { tokenFor } from '@/tests/api-tokens';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { createWorld, imageOf, instanceOf, snapshot, type World } from '@/tests/permissions/world';
import { signInAs } from '@/tests/session';

// The REST API against a real database: tokens (made in Settings, kept as hashes, narrowed by
// scope and teams, refused when revoked, expired or their user disabled), the error shape and
// statuses, Idempotency-Key, rate limits and the audit trail. Every answer is checked against
// the OpenAPI document by tests/api-client.ts.

vi.mock('next-auth', async (original) => (await import('@/tests/next-request')).nextAuth(await original()));
vi.mock('next/headers', async () => (await import('@/tests/next-request')).nextHeaders('192.0.2.9'));
vi.mock('next/cache', async () => (await import('@/tests/next-request')).nextCache);

const primary = (i: { disks: { id: string; kind: string }[] }) => i.disks.find((d) => d.kind === 'primary')!.id;

describe.each(PROVIDERS)('REST API on %s', (provider) => {
  let t: TestDatabase;
  let w: World;
  let member: string;

  beforeAll(async () => {
    t = await openAppDatabase(provider);
    w = await createWorld(t.db);
    member = await tokenFor(t.db, w.users.member.id);
  });
  afterAll(async () => {
    signInAs(null);
    await closeAppDatabase(t);
  });
  afterEach(() => {
    delete process.env.LIFEBOAT_API_RATE_PER_MINUTE;
  });

  it('makes a token in Settings that is shown once and kept only as its hash', async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { id: w.users.viewer.id } });
    signInAs(user.id, user.sessionVersion);
    const state = await createApiTokenAction(initialState, {
      name: 'nightly-ci',
      scope: 'read',
      expires: '7',
    });
    expect(state.ok).toBe(true);
    const secret = (state.data as { secret: string }).secret;
    expect(secret).toMatch(/^lbt_[0-9A-Za-z]{38}$/);
    const row = await t.db.apiToken.findFirstOrThrow({ where: { userId: user.id, name: 'nightly-ci' } });
    expect(row.secretHash).toBe(hashSecret(secret));
    expect(JSON.stringify(row)).not.toContain(secret.slice(10));
    expect(row.prefix).toBe(secret.slice(0, 10));
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBeCloseTo(7 * 86_400_000, -4);
    const entry = await t.db.auditEntry.findFirstOrThrow({
      where: { action: 'token.create' },
      orderBy: { at: 'desc' },
    });
    expect(entry.detail).not.toContain(secret.slice(10));
    const listed = await callApi('GET', '/tokens', { token: secret });
    expect(listed.status).toBe(200);
    expect(listed.body.tokens.map((x: { name: string }) => x.name)).toEqual(['nightly-ci']);
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(10));
  });

  it('refuses a token limited to a team the user is not in', async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { id: w.users.member.id } });
    signInAs(user.id, user.sessionVersion);
    const state = await createApiTokenAction(initialState, {
      name: 'x',
      scope: 'read',
      teamIds: [w.teamB],
      expires: '7',
    });
    expect(state).toMatchObject({ ok: false, errors: { teamIds: ['Choose only teams you belong to.'] } });
  });

  it('lists and shows only what the token’s user may read, with the list page’s search', async () => {
    const mine = await instanceOf(w);
    const theirs = await instanceOf(w, { teamId: w.teamB });
    const list = await callApi('GET', `/instances?q=${encodeURIComponent(mine.label)}&sort=label&dir=desc`, {
      token: member,
    });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    const detail = await callApi('GET', `/instances/${mine.id}`, { token: member });
    expect(detail.status).toBe(200);
    expect(detail.body.disks.map((d: { id: string }) => d.id)).toContain(primary(mine));
    const hidden = await callApi('GET', `/instances/${theirs.id}`, { token: member });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('not_found');
  });

  it('captures through the API: 202 with the job, one audit entry naming the token and the address', async () => {
    const instance = await instanceOf(w);
    const answer = await callApi('POST', '/images', {
      token: member,
      body: { instanceId: instance.id, diskId: primary(instance), label: 'from the api' },
      ip: '198.51.100.4',
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);
    expect(answer.body.job).toMatchObject({ kind: 'image.capture', status: 'queued' });
    const job = await callApi('GET', `/jobs/${answer.body.job.id}`, { token: member, ip: '198.51.100.4' });
    expect(job.status).toBe(200);
    expect(job.body.id).toBe(answer.body.job.id);
    const entry = await t.db.auditEntry.findFirstOrThrow({
      where: { action: 'image.capture' },
      orderBy: { at: 'desc' },
    });
    expect(entry).toMatchObject({ result: 'success', actorId: w.users.member.id, ip: '198.51.100.4' });
    expect(entry.detail).toContain(`Through API token ${member.slice(0, 10)}`);
    const token = await t.db.apiToken.findFirstOrThrow({ where: { secretHash: hashSecret(member) } });
    expect(token.lastUsedIp).toBe('198.51.100.4');
    expect(token.lastUsedAt).not.toBeNull();
  });

  it('answers refused input with the forms’ messages and field names, and changes nothing', async () => {
    const instance = await instanceOf(w);
    const before = await snapshot(t.db);
    const bad = await callApi('POST', '/images', {
      token: member,
      body: { instanceId: instance.id, diskId: primary(instance), label: 'x'.repeat(51) },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toEqual({
      code: 'invalid',
      message: 'Check the highlighted fields.',
      fields: { label: ['An image label can have at most 50 characters.'] },
    });
    const wrongConfirm = await callApi('DELETE', `/images/${(await imageOf(w)).id}`, {
      token: member,
      body: { confirm: 'no' },
    });
    expect(wrongConfirm.status).toBe(422);
    expect(wrongConfirm.body.error.fields.confirm[0]).toMatch(/^Type the image's label/);
    expect(await snapshot(t.db)).not.toBe(before); // the image made for it
  });

  it('answers malformed requests with a 4xx in the one error shape', async () => {
    const notJson = await callApi('POST', '/images', { token: member, body: '{"label": ' });
    expect(notJson).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    const array = await callApi('POST', '/images', { token: member, body: '[1]' });
    expect(array).toMatchObject({ status: 400, body: { error: { message: 'The body must be a JSON object.' } } });
    const form = await callApi('POST', '/images', {
      token: member,
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    const unknown = await callApi('GET', '/nothing/here', { token: member });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    const method = await callApi('PATCH', '/instances', { token: member });
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET');
    const lone = await callApi('PATCH', `/images/${(await imageOf(w)).id}`, {
      token: member,
      body: '{"label":"\\ud800"}',
    });
    expect(lone.status).toBe(422);
  });

  it('refuses requests without a valid token, and says why', async () => {
    const none = await callApi('GET', '/instances');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const typo = await callApi('GET', '/instances', {
      token: member.slice(0, -1) + (member.endsWith('a') ? 'b' : 'a'),
    });
    expect(typo).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
    const revoked = await tokenFor(t.db, w.users.member.id);
    await t.db.apiToken.update({ where: { secretHash: hashSecret(revoked) }, data: { revokedAt: new Date() } });
    expect((await callApi('GET', '/instances', { token: revoked })).body.error.message).toMatch(
      /^This token was revoked/,
    );
    const expired = await tokenFor(t.db, w.users.member.id);
    await t.db.apiToken.update({
      where: { secretHash: hashSecret(expired) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await callApi('GET', '/instances', { token: expired })).body.error.message).toMatch(
      /^This token has expired/,
    );
    const someone = await t.db.user.create({ data: { email: 'gone@matrix.test', name: 'Gone', passwordHash: 'x' } });
    const disabled = await tokenFor(t.db, someone.id);
    await t.db.user.update({ where: { id: someone.id }, data: { disabled: true } });
    expect(await callApi('GET', '/instances', { token: disabled })).toMatchObject({
      status: 401,
      body: { error: { message: 'The user of this token is disabled.' } },
    });
  });

  it('keeps a read-only token to reads, and a token cannot make tokens', async () => {
    const reader = await tokenFor(t.db, w.users.member.id, { scope: 'read' });
    const instance = await instanceOf(w);
    expect((await callApi('GET', `/instances/${instance.id}/backups`, { token: reader })).status).toBe(200);
    const before = await snapshot(t.db);
    const refused = await callApi('POST', `/instances/${instance.id}/backups/enable`, { token: reader });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/^This token can only read/);
    expect(await snapshot(t.db)).toBe(before);
    const entry = await t.db.auditEntry.findFirstOrThrow({
      where: { action: 'backups.enable' },
      orderBy: { at: 'desc' },
    });
    expect(entry.result).toBe('refused');
  });

  it('narrows a team-limited token to its teams, never acting as an administrator', async () => {
    const admin = await tokenFor(t.db, w.users.admin.id, { teamIds: [w.teamB] });
    expect((await callApi('GET', '/admin/users', { token: admin })).status).toBe(403);
    const inA = await instanceOf(w);
    expect((await callApi('GET', `/instances/${inA.id}`, { token: admin })).status).toBe(404);
    const inB = await instanceOf(w, { teamId: w.teamB });
    expect((await callApi('GET', `/instances/${inB.id}`, { token: admin })).status).toBe(200);
    const full = await tokenFor(t.db, w.users.admin.id);
    const users = await callApi('GET', '/admin/users', { token: full });
    expect(users.status).toBe(200);
    expect(users.body.users.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(users.body)).not.toMatch(/passwordHash|sessionVersion/);
  });

  it('answers a retried POST with the same Idempotency-Key from the first answer, without running it again', async () => {
    const instance = await instanceOf(w, { backups: true });
    const key = `snap-${instance.id}`;
    const send = (label: string) =>
      callApi('POST', `/instances/${instance.id}/backups/snapshot`, {
        token: member,
        body: { label },
        headers: { 'idempotency-key': key },
      });
    const first = await send('before upgrade');
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    const again = await send('before upgrade');
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await t.db.job.count({ where: { instanceId: instance.id, kind: 'backup.capture' } })).toBe(1);
    const other = await send('something else');
    expect(other).toMatchObject({ status: 422, body: { error: { code: 'idempotency_key_reused' } } });
  });

  it('limits each token’s requests a minute, answering 429 with Retry-After', async () => {
    process.env.LIFEBOAT_API_RATE_PER_MINUTE = '3';
    const limited = await tokenFor(t.db, w.users.member.id);
    for (let i = 0; i < 3; i++) expect((await callApi('GET', '/jobs', { token: limited })).status).toBe(200);
    const over = await callApi('GET', '/jobs', { token: limited });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another token of the same user has its own allowance.
    expect((await callApi('GET', '/jobs', { token: await tokenFor(t.db, w.users.member.id) })).status).toBe(200);
  });

  it('serves its OpenAPI 3.1 document without a token', async () => {
    const doc = await callApi('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/instances', '/images/{imageId}/deploy', '/jobs/{jobId}']),
    );
    expect(
      doc.body.paths['/images'].post.requestBody.content['application/json'].schema.properties.label.maxLength,
    ).toBe(50);
  });
});
