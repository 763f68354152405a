import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseAuditQuery } from '@/lib/schemas/audit';
import { recordAudit, type AuditInput } from '@/lib/db/audit';
import { auditBatches, auditWhere, listAudit } from '@/lib/services/audit';
import { NextRequest } from 'next/server';
import { GET as exportCsv } from '@/app/api/audit/export/route';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '@/tests/databases';
import { signIn } from '@/lib/auth/signin';
import { readAuditCsv, readAuditLog } from './audit';
import { signInAs } from '@/tests/session';

// The real session helper runs against the test database; only next-auth's cookie reading is
// replaced, by whoever `signInAs` names.
vi.mock('next-auth', async (original) => ({ ...(await original<typeof import('next-auth')>()), getServerSession: async () => (await import('@/tests/session')).testSession() }));

const q = (params: Record<string, string> = {}) => parseAuditQuery(params);
const actions = (entries: { action: string }[]) => entries.map((e) => e.action);

async function csvOf(params: Record<string, string> = {}, limit?: number) {
  const chunks = await readAuditCsv(q(params), limit);
  if (!chunks) return null;
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

describe.each(PROVIDERS)('audit log reads on %s', (provider) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    (globalThis as { lifeboatDb?: unknown }).lifeboatDb = t.db;
    const user = (id: string, isAdmin = false) => t.db.user.create({ data: { id, email: `${id}@example.com`, name: id, passwordHash: 'x', isAdmin } });
    await Promise.all([user('admin', true), user('ann'), user('val'), user('bob'), user('loner')]);
    await t.db.team.createMany({ data: [{ id: 'alpha', name: 'Alpha' }, { id: 'beta', name: 'Beta' }] });
    await t.db.membership.createMany({
      data: [
        { userId: 'ann', teamId: 'alpha', role: 'member' },
        { userId: 'val', teamId: 'alpha', role: 'viewer' },
        { userId: 'bob', teamId: 'beta', role: 'member' },
      ],
    });
    const by = (id: string) => ({ actorId: id, actorEmail: `${id}@example.com` });
    const entries: AuditInput[] = [
      { action: 'auth.signin', result: 'success', ...by('ann'), targetType: 'user', targetLabel: 'ann@example.com', ip: '10.0.0.1', at: new Date('2026-01-01T08:00:00Z') },
      { action: 'auth.signin', result: 'failure', actorEmail: 'nobody@example.com', targetType: 'user', targetLabel: 'nobody@example.com', ip: '10.0.0.9', detail: 'No such user.', at: new Date('2026-01-01T09:00:00Z') },
      { action: 'image.capture', result: 'success', ...by('ann'), targetType: 'image', targetId: 'img1', targetLabel: 'web-1 nightly', teamId: 'alpha', ip: '10.0.0.1', at: new Date('2026-01-02T10:00:00Z') },
      { action: 'image.delete', result: 'refused', ...by('val'), targetType: 'image', targetId: 'img1', targetLabel: 'web-1 nightly', teamId: 'alpha', detail: 'Viewers can look but not change anything in this team.', at: new Date('2026-01-03T23:59:59Z') },
      { action: 'image.delete', result: 'success', ...by('bob'), targetType: 'image', targetId: 'img2', targetLabel: 'db backup', teamId: 'beta', at: new Date('2026-01-04T00:00:00Z') },
      { action: 'instance.backups', result: 'failure', ...by('bob'), targetType: 'instance', targetLabel: 'db-1', teamId: 'beta', detail: 'Provider timed out.', at: new Date('2026-01-05T10:00:00Z') },
      { action: 'user.create', result: 'success', ...by('admin'), targetType: 'user', targetLabel: 'val@example.com', at: new Date('2026-01-05T11:00:00Z') },
      // A team deleted since: its entries keep the name, and only admins see them.
      { action: 'team.quota', result: 'success', ...by('admin'), targetType: 'team', teamId: 'gone', teamName: 'Gamma', at: new Date('2026-01-06T09:00:00Z') },
      // Not of the "image" family, though its name starts with those letters.
      { action: 'imagery.view', result: 'success', ...by('ann'), teamId: 'alpha', at: new Date('2026-01-06T10:00:00Z') },
      { action: 'image.update', result: 'success', ...by('ann'), targetType: 'image', targetId: 'img3', targetLabel: '=HYPERLINK("http://evil","x")', teamId: 'alpha', ip: '::1', detail: 'Renamed, "twice"\nthen saved.', at: new Date('2026-01-07T12:00:00Z') },
    ];
    for (const entry of entries) await recordAudit(t.db, entry);
    // Enough entries of one action to page through at the smallest page size.
    for (let i = 0; i < 23; i += 1) {
      await recordAudit(t.db, { action: 'backup.run', result: 'success', ...by('bob'), targetType: 'instance', targetLabel: `db-${i}`, teamId: 'beta', at: new Date(Date.UTC(2026, 1, 1, 0, i)) });
    }
  });
  afterAll(() => t?.drop());

  it('shows admins every entry, newest first, and every team and actor to filter by', async () => {
    signInAs('admin');
    const log = await readAuditLog(q({ size: '200' }));
    expect(log.total).toBe(33);
    expect(log.entries[0]).toMatchObject({ action: 'backup.run', targetLabel: 'db-22', at: '2026-02-01T00:22:00.000Z', teamName: 'Beta' });
    expect(log.entries.map((e) => e.at)).toEqual([...log.entries.map((e) => e.at)].sort().reverse());
    expect(log.filterOptions.teams).toEqual([{ id: 'alpha', name: 'Alpha' }, { id: 'beta', name: 'Beta' }, { id: 'gone', name: 'Gamma' }]);
    expect(log.filterOptions.users.map((u) => u.label)).toEqual(['admin@example.com', 'ann@example.com', 'bob@example.com', 'val@example.com']);
    expect(log.filterOptions.actions).toEqual(['auth.signin', 'backup.run', 'image.capture', 'image.delete', 'image.update', 'imagery.view', 'instance.backups', 'team.quota', 'user.create']);
    expect(log.entries.find((e) => e.result === 'failure' && e.action === 'auth.signin')).toMatchObject({ actorEmail: 'nobody@example.com', ip: '10.0.0.9', detail: 'No such user.', teamName: '' });
  });

  it("shows members and viewers only their teams' entries, and names no one else", async () => {
    for (const id of ['ann', 'val']) {
      signInAs(id);
      const log = await readAuditLog(q());
      expect(actions(log.entries)).toEqual(['image.update', 'imagery.view', 'image.delete', 'image.capture']);
      expect(log.filterOptions).toEqual({
        teams: [{ id: 'alpha', name: 'Alpha' }],
        users: [{ id: 'ann', label: 'ann@example.com' }, { id: 'val', label: 'val@example.com' }],
        actions: ['image.capture', 'image.delete', 'image.update', 'imagery.view'],
      });
    }
    signInAs('bob');
    const bob = await readAuditLog(q({ size: '10' }));
    expect(bob.total).toBe(25);
    expect(bob.filterOptions.teams).toEqual([{ id: 'beta', name: 'Beta' }]);
    expect(bob.filterOptions.users).toEqual([{ id: 'bob', label: 'bob@example.com' }]);
    signInAs('loner');
    expect(await readAuditLog(q())).toMatchObject({ total: 0, entries: [], page: 1, pageCount: 1, filterOptions: { users: [], teams: [], actions: [] } });
  });

  it('never widens the scope through a filter', async () => {
    signInAs('ann');
    expect((await readAuditLog(q({ team: 'beta' }))).total).toBe(0);
    expect((await readAuditLog(q({ team: 'gone' }))).total).toBe(0);
    expect((await readAuditLog(q({ user: 'bob' }))).total).toBe(0);
    expect((await readAuditLog(q({ action: 'auth' }))).total).toBe(0);
  });

  it('filters by user, team, action family or name, result and UTC days', async () => {
    signInAs('admin');
    const only = async (params: Record<string, string>) => actions((await readAuditLog(q({ ...params, size: '200' }))).entries);
    expect(await only({ user: 'ann' })).toEqual(['image.update', 'imagery.view', 'image.capture', 'auth.signin']);
    expect(await only({ team: 'alpha', user: 'val' })).toEqual(['image.delete']);
    expect(await only({ team: 'gone' })).toEqual(['team.quota']);
    expect(await only({ action: 'image' })).toEqual(['image.update', 'image.delete', 'image.delete', 'image.capture']);
    expect(await only({ action: 'image.delete', team: 'beta' })).toEqual(['image.delete']);
    expect(await only({ result: 'refused' })).toEqual(['image.delete']);
    expect(await only({ result: 'failure' })).toEqual(['instance.backups', 'auth.signin']);
    // `to` takes in the whole day (23:59:59 included); `from` starts at 00:00 UTC.
    expect(await only({ to: '2026-01-03', from: '2026-01-02' })).toEqual(['image.delete', 'image.capture']);
    expect(await only({ from: '2026-01-04', to: '2026-01-04' })).toEqual(['image.delete']);
    expect(await only({ from: '2026-01-07', action: 'image' })).toEqual(['image.update']);
    expect(await only({ from: '2026-01-05', to: '2026-01-01' })).toEqual([]);
  });

  it('pages on the server, keeping the query, and clamps a page past the end', async () => {
    signInAs('bob');
    const first = await readAuditLog(q({ action: 'backup', size: '10' }));
    expect(first).toMatchObject({ total: 23, page: 1, pageCount: 3 });
    expect(first.entries.map((e) => e.targetLabel)).toEqual(['db-22', 'db-21', 'db-20', 'db-19', 'db-18', 'db-17', 'db-16', 'db-15', 'db-14', 'db-13']);
    const last = await readAuditLog(q({ action: 'backup', size: '10', page: '3' }));
    expect(last.entries.map((e) => e.targetLabel)).toEqual(['db-2', 'db-1', 'db-0']);
    const past = await readAuditLog(q({ action: 'backup', size: '10', page: '99' }));
    expect(past).toMatchObject({ page: 3, query: { action: 'backup', page: 3, size: 10 } });
  });

  it('agrees with the service it reads through', async () => {
    expect(auditWhere(['alpha'], { teamId: 'beta' })).toMatchObject({ teamId: '__none__' });
    const scoped = await listAudit(t.db, ['alpha', 'beta'], { action: 'image.delete' }, 1, 10);
    expect(scoped.rows.map((r) => r.teamId)).toEqual(['beta', 'alpha']);
    expect((await listAudit(t.db, [], {}, 1, 10)).total).toBe(0);
    // Export batches page by cursor: across batch boundaries no row is dropped or repeated.
    const labels: string[] = [];
    for await (const rows of auditBatches(t.db, null, { action: 'backup' }, 21, 4)) labels.push(...rows.map((r) => r.targetLabel));
    expect(labels).toEqual(Array.from({ length: 21 }, (_, i) => `db-${22 - i}`));
  });

  it('exports the same scope and filters as CSV, every row, newest first, safe for spreadsheets', async () => {
    signInAs('ann');
    const csv = (await csvOf({ page: '2', size: '10' }))!;
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('time,user,action,resource type,resource,resource id,team,address,result,detail');
    expect(lines[1]).toBe(`2026-01-07T12:00:00.000Z,ann@example.com,image.update,image,"'=HYPERLINK(""http://evil"",""x"")",img3,Alpha,::1,success,"Renamed, ""twice""\nthen saved."`);
    expect(lines.slice(2)).toEqual([
      '2026-01-06T10:00:00.000Z,ann@example.com,imagery.view,,,,Alpha,,success,',
      '2026-01-03T23:59:59.000Z,val@example.com,image.delete,image,web-1 nightly,img1,Alpha,,refused,Viewers can look but not change anything in this team.',
      '2026-01-02T10:00:00.000Z,ann@example.com,image.capture,image,web-1 nightly,img1,Alpha,10.0.0.1,success,',
      '',
    ]);

    signInAs('admin');
    const all = (await csvOf({ action: 'backup' }))!.split('\r\n').filter(Boolean);
    expect(all).toHaveLength(24);
    expect(all.at(-1)).toMatch(/^2026-02-01T00:00:00.000Z,bob@example.com,backup.run,instance,db-0,/);
    expect((await csvOf({ result: 'refused' }))!.split('\r\n').filter(Boolean)).toHaveLength(2);
  });

  it('caps a large export and says so, and refuses a signed-out caller', async () => {
    signInAs('bob');
    const capped = (await csvOf({ action: 'backup' }, 5))!.split('\r\n').filter(Boolean);
    expect(capped).toHaveLength(7);
    expect(capped[5]).toMatch(/,db-18,/);
    expect(capped[6]).toBe('# Capped at 5 rows (the newest); narrow the filters to export older entries.');
    // Exactly full is not capped.
    expect((await csvOf({ action: 'backup' }, 23))!).not.toContain('# Capped');

    signInAs(null);
    expect(await readAuditCsv(q())).toBeNull();
    await expect(readAuditLog(q())).rejects.toThrow('NEXT_REDIRECT');
  });

  it('serves the export as a dated CSV attachment, and 401 when signed out', async () => {
    signInAs('ann');
    const response = await exportCsv(new NextRequest('http://localhost/api/audit/export?action=image&action=auth&result=success'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="lifeboat-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    // The first of a repeated parameter wins, as on the page.
    expect((await response.text()).split('\r\n').filter(Boolean).map((l) => l.split(',')[2])).toEqual(['action', 'image.update', 'image.capture']);

    signInAs(null);
    const refused = await exportCsv(new NextRequest('http://localhost/api/audit/export'));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: 'Sign in to export the audit log.' });
  });

  it('refuses an export whose filter cannot be read, instead of exporting more than was asked', async () => {
    signInAs('ann');
    const response = await exportCsv(new NextRequest('http://localhost/api/audit/export?from=garbage&result=maybe&to=2026-01-31'));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'Not a valid filter: from, result. Days are YYYY-MM-DD; results are success, refused or failure.', fields: ['from', 'result'] });
    signInAs(null);
    expect((await exportCsv(new NextRequest('http://localhost/api/audit/export?from=garbage'))).status).toBe(401);
  });

  it('neutralises a formula typed as the email of a failed sign-in, whatever hides its start', async () => {
    // Anyone can put these in the log: the sign-in form takes any email and records the failure.
    const payloads = [
      '\u200b=HYPERLINK("http://evil.example","x")',
      '\u200b\ufeff+cmd|\' /C calc\'!A0',
      '\u2060\u00a0-1+1;x',
      '\uff1dsum(a1:a9)',
      '\u3000\uff20x@evil.example',
      '\u200d\u200c@sum(1,2)',
    ];
    for (const [i, email] of payloads.entries()) expect(await signIn(t.db, { email, password: 'nope' }, `10.77.0.${i}`)).toBeNull();
    signInAs('admin');
    const response = await exportCsv(new NextRequest('http://localhost/api/audit/export?action=auth.signin&result=failure'));
    const lines = (await response.text()).split('\r\n').filter(Boolean).slice(1);
    const exported = lines.filter((l) => l.includes(',10.77.0.'));
    expect(exported).toHaveLength(payloads.length);
    for (const line of exported) {
      // The user and resource columns: each one is text (apostrophe first), quoted where it holds a delimiter.
      const [, user] = line.match(/^[^,]+,("(?:[^"]|"")*"|[^,]*),/)!;
      expect(user.replace(/^"/, '')).toMatch(/^'/);
    }
    const cells = exported.map((l) => l.split(',10.77.0.')[0]);
    expect(cells.find((c) => c.includes('calc'))).toContain(`,'\u200b\ufeff+cmd|' /c calc'!a0,`);
    expect(cells.find((c) => c.includes('-1+1'))).toContain(`,"'\u2060\u00a0-1+1;x",`);
  });
});
