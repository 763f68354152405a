import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/metrics/route';
import { clearMetricsTokenAction, rotateMetricsTokenAction } from '@/lib/actions/metrics';
import { initialState } from '@/lib/actions/state';
import { signIn } from '@/lib/auth/signin';
import { createDb } from '@/lib/db/client';
import { enqueueJob, requestCancel } from '@/lib/jobs';
import { claimNext, end, succeed } from '@/lib/jobs/store';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { createWorld, imageOf, instanceOf, PASSWORD, type World } from '@/tests/permissions/world';
import { signInAs } from '@/tests/session';

// GET /metrics against a real database: who may scrape (the admin's token, kept only as its
// hash, or LIFEBOAT_METRICS_TOKEN; anyone else a 401 naming the Bearer scheme), and that the
// text is Prometheus' format with the figures of what was seeded: jobs ended through the job
// engine, instances whose backups are on time, overdue or failed, the stores' copies and sizes,
// and refused sign-ins (counted in the database, so another process's count in too).

vi.mock('next-auth', async (original) => (await import('@/tests/next-request')).nextAuth(await original()));
vi.mock('next/headers', async () => (await import('@/tests/next-request')).nextHeaders('192.0.2.61'));
vi.mock('next/cache', async () => (await import('@/tests/next-request')).nextCache);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const scrape = (authorization?: string) =>
  GET(new Request('http://lifeboat.test/metrics', { headers: authorization ? { authorization } : {} }));

type Samples = Map<string, number>;

/**
 * Reads the exposition text as Prometheus would, failing on any line that is not a comment or a
 * sample, and on a sample whose family has no HELP and TYPE before it. Keys are the series as
 * written: `name{label="value",…}`.
 */
function parseExposition(text: string): Samples {
  const samples: Samples = new Map();
  const typed = new Set<string>();
  const helped = new Set<string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (comment) {
      (comment[1] === 'HELP' ? helped : typed).add(comment[2]);
      if (comment[1] === 'TYPE') expect(['counter', 'gauge', 'histogram', 'summary', 'untyped']).toContain(comment[3]);
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})? (\S+)$/.exec(
      line,
    );
    expect(sample, `not a sample line: ${line}`).not.toBeNull();
    const family = [...typed].find(
      (f) =>
        sample![1] === f ||
        (/^_(bucket|sum|count|total|created)$/.test(sample![1].slice(f.length)) && sample![1].startsWith(f)),
    );
    expect(family, `no TYPE before ${line}`).toBeDefined();
    expect(helped.has(family!), `no HELP for ${family}`).toBe(true);
    // Go's ParseFloat, as Prometheus reads a value: a number, ±Inf, or NaN in any case (Node's
    // event-loop lag is "Nan" until its first sample).
    const raw = sample![3];
    const value = /^nan$/i.test(raw)
      ? NaN
      : /^[+-]?inf$/i.test(raw)
        ? raw[0] === '-'
          ? -Infinity
          : Infinity
        : Number(raw);
    expect(/^nan$/i.test(raw) || !Number.isNaN(value), line).toBe(true);
    samples.set(`${sample![1]}${sample![2] ?? ''}`, value);
  }
  return samples;
}

async function samplesWith(token: string) {
  const response = await scrape(`Bearer ${token}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parseExposition(await response.text());
}

describe.each(PROVIDERS)('GET /metrics on %s', (provider) => {
  let t: TestDatabase;
  let w: World;
  let token: string;
  const ids: Record<string, string> = {};

  async function instanceWithBackups(
    name: string,
    enabledAgo: number,
    backups: { ago: number; status?: 'successful' | 'failed' }[],
  ) {
    const instance = await instanceOf(w, { backups: true });
    ids[name] = instance.id;
    await t.db.instance.update({
      where: { id: instance.id },
      data: { backupsEnabledAt: new Date(Date.now() - enabledAgo) },
    });
    const disk = instance.disks.find((d) => d.kind === 'primary')!;
    for (const b of backups) {
      const at = new Date(Date.now() - b.ago);
      await t.db.backup.create({
        data: {
          instanceId: instance.id,
          teamId: w.teamA,
          region: 'eu-central',
          kind: 'automatic',
          status: b.status ?? 'successful',
          diskId: disk.id,
          sizeBytes: 4096,
          dataBytes: 1000,
          newBytes: 250,
          takenAt: b.status === 'failed' ? null : at,
          createdAt: at,
          updatedAt: at,
        },
      });
    }
  }

  /** A backup.verify job through the engine: claimed, then ended by `finish`, as a worker would. */
  async function endedJob(finish: (id: string, owner: string) => Promise<unknown>, ranFor = 0) {
    const job = await enqueueJob(t.db, { kind: 'backup.verify', input: { backupId: 'none' }, teamId: w.teamA });
    const owner = `metrics-test:${job.id}`;
    const claimed = await claimNext(t.db, owner, 30_000, ['backup.verify']);
    expect(claimed?.id).toBe(job.id);
    if (ranFor) await t.db.job.update({ where: { id: job.id }, data: { startedAt: new Date(Date.now() - ranFor) } });
    await finish(job.id, owner);
  }

  beforeAll(async () => {
    t = await openAppDatabase(provider);
    w = await createWorld(t.db);
    // On time, overdue (newest 30 hours old), overdue (never, enabled 20 days ago), waiting
    // (enabled an hour ago), and on time but with a failed attempt since.
    await instanceWithBackups('onTime', 10 * DAY, [{ ago: 3 * HOUR }]);
    await instanceWithBackups('late', 10 * DAY, [{ ago: 30 * HOUR }, { ago: 8 * DAY }]);
    await instanceWithBackups('never', 20 * DAY, []);
    await instanceWithBackups('waiting', HOUR, []);
    await instanceWithBackups('failing', 10 * DAY, [{ ago: 2 * HOUR }, { ago: HOUR, status: 'failed' }]);
    await instanceOf(w);
    const image = await imageOf(w);
    await t.db.image.update({ where: { id: image.id }, data: { dataBytes: 5000, newBytes: 3000 } });

    await endedJob((id, owner) => succeed(t.db, id, owner, null, { bytesDone: 1000n }), 90_000);
    await endedJob((id, owner) => succeed(t.db, id, owner, null, { bytesDone: 24n }));
    await endedJob((id, owner) => end(t.db, id, owner, 'failed', 'Broken on purpose.', {}));
    const cancelled = await enqueueJob(t.db, { kind: 'backup.verify', input: { backupId: 'none' }, teamId: w.teamA });
    await requestCancel(t.db, cancelled.id);
    await enqueueJob(t.db, {
      kind: 'backup.verify',
      input: { backupId: 'none' },
      teamId: w.teamA,
      runAfter: new Date(Date.now() + DAY),
    });
  });
  afterAll(async () => {
    signInAs(null);
    delete process.env.LIFEBOAT_METRICS_TOKEN;
    await closeAppDatabase(t);
  });

  it('refuses every scrape while no token is set, with a 401 naming the Bearer scheme', async () => {
    for (const header of [undefined, 'Basic YWRtaW46cGFzcw==', 'Bearer', 'Bearer a b', 'lbm_guess']) {
      const response = await scrape(header);
      expect(response.status, String(header)).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="lifeboat-metrics"');
      expect(await response.text()).toMatch(/^Unauthorized: send the metrics token as "Authorization: Bearer <token>"/);
    }
    const guessed = await scrape('Bearer lbm_guess');
    expect(guessed.status).toBe(401);
    expect(guessed.headers.get('www-authenticate')).toBe('Bearer realm="lifeboat-metrics", error="invalid_token"');
    expect(await guessed.text()).toBe('Unauthorized: that metrics token is not valid.\n');
  });

  it('makes a token for an admin, keeps only its SHA-256, and audits it by its first characters', async () => {
    const admin = await t.db.user.findUniqueOrThrow({ where: { id: w.users.admin.id } });
    signInAs(admin.id, admin.sessionVersion);
    const state = await rotateMetricsTokenAction(initialState, {});
    expect(state).toMatchObject({ ok: true });
    token = (state.data as { token: string }).token;
    expect(token).toMatch(/^lbm_[A-Za-z0-9_-]{43}$/);
    const row = await t.db.metricsToken.findUniqueOrThrow({ where: { id: 'metrics' } });
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token.slice(8));
    expect(row).toMatchObject({ hint: `${token.slice(0, 8)}…`, createdById: admin.id });
    const entry = await t.db.auditEntry.findFirstOrThrow({
      where: { action: 'metrics.token-rotate' },
      orderBy: { at: 'desc' },
    });
    expect(entry).toMatchObject({ result: 'success', actorId: admin.id, ip: '192.0.2.61' });
    expect(entry.detail).toContain(token.slice(0, 8));
    expect(entry.detail).not.toContain(token.slice(8));
    expect((await scrape(`Bearer ${token}x`)).status).toBe(401);
    expect((await scrape(`Bearer ${token.toUpperCase()}`)).status).toBe(401);
  });

  it('reports jobs by kind and status, their durations and bytes, from the job engine', async () => {
    const s = await samplesWith(token);
    const job = (status: string, extra = '') => `{kind="backup.verify",status="${status}"${extra}}`;
    expect(s.get(`lifeboat_jobs_active${job('queued')}`)).toBe(1);
    expect(s.get(`lifeboat_jobs_finished_total${job('succeeded')}`)).toBe(2);
    expect(s.get(`lifeboat_jobs_finished_total${job('failed')}`)).toBe(1);
    expect(s.get(`lifeboat_jobs_finished_total${job('cancelled')}`)).toBe(1);
    expect(s.get(`lifeboat_job_bytes_total${job('succeeded')}`)).toBe(1024);
    // One run took about 90 seconds, the other well under one.
    expect(s.get(`lifeboat_job_duration_seconds_bucket${job('succeeded', ',le="1"')}`)).toBe(1);
    expect(s.get(`lifeboat_job_duration_seconds_bucket${job('succeeded', ',le="60"')}`)).toBe(1);
    expect(s.get(`lifeboat_job_duration_seconds_bucket${job('succeeded', ',le="300"')}`)).toBe(2);
    expect(s.get(`lifeboat_job_duration_seconds_bucket${job('succeeded', ',le="+Inf"')}`)).toBe(2);
    expect(s.get(`lifeboat_job_duration_seconds_count${job('succeeded')}`)).toBe(2);
    expect(s.get(`lifeboat_job_duration_seconds_sum${job('succeeded')}`)).toBeGreaterThanOrEqual(90);
    expect(s.get(`lifeboat_job_duration_seconds_sum${job('succeeded')}`)).toBeLessThan(95);
    expect(s.get(`lifeboat_job_duration_seconds_count${job('failed')}`)).toBe(1);
    // Cancelled before it started: counted as ended, with no run to time.
    expect(s.get(`lifeboat_job_duration_seconds_count${job('cancelled')}`)).toBe(0);
  });

  it('reports backups: enabled, by age, overdue (each named with its age) and failed', async () => {
    const s = await samplesWith(token);
    expect(s.get('lifeboat_backups_enabled_instances')).toBe(5);
    expect(s.get('lifeboat_backup_overdue_instances')).toBe(2);
    expect(s.get('lifeboat_backup_failed_instances')).toBe(1);
    // Older than a day: late, never, waiting (none yet); older than two days: never and waiting.
    expect(s.get('lifeboat_backup_older_than_instances{older_than_seconds="86400"}')).toBe(3);
    expect(s.get('lifeboat_backup_older_than_instances{older_than_seconds="172800"}')).toBe(2);
    expect(s.get('lifeboat_backup_older_than_instances{older_than_seconds="1209600"}')).toBe(2);
    const ages = [...s].filter(([k]) => k.startsWith('lifeboat_backup_age_seconds{'));
    expect(ages).toHaveLength(2);
    const age = (id: string) => ages.find(([k]) => k.includes(`instance_id="${id}"`))?.[1];
    expect(age(ids.late)).toBeGreaterThanOrEqual(30 * 3600);
    expect(age(ids.late)).toBeLessThan(30 * 3600 + 60);
    expect(age(ids.never)).toBeGreaterThanOrEqual(20 * 86400);
    expect(age(ids.never)).toBeLessThan(20 * 86400 + 60);
  });

  it('reports each store’s copies and sizes from the rows, and this process’s own metrics', async () => {
    const s = await samplesWith(token);
    // Four successful backups (the failed one is not in the store) and one available image.
    expect(s.get('lifeboat_store_copies{store="backups:eu-central"}')).toBe(4);
    expect(s.get('lifeboat_store_data_bytes{store="backups:eu-central"}')).toBe(4000);
    expect(s.get('lifeboat_store_stored_bytes{store="backups:eu-central"}')).toBe(1000);
    expect(s.get('lifeboat_store_copies{store="backups:us-east"}')).toBe(0);
    expect(s.get('lifeboat_store_copies{store="images"}')).toBe(1);
    expect(s.get('lifeboat_store_stored_bytes{store="images"}')).toBe(3000);
    expect(s.get('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(s.get('lifeboat_metrics_collect_seconds')).toBeGreaterThan(0);
  });

  it('counts refused sign-ins by reason, in every web server process on the database', async () => {
    const before = await samplesWith(token);
    const key = (reason: string) => `lifeboat_signin_failures_total{reason="${reason}"}`;
    // Another process's client: what it refuses shows in this process's scrape.
    const other = createDb(t.url);
    try {
      expect(await signIn(t.db, { email: w.users.member.email, password: `${PASSWORD}!` }, '198.51.100.4')).toBeNull();
      expect(await signIn(other, { email: w.users.member.email, password: `${PASSWORD}?` }, '198.51.100.5')).toBeNull();
      expect(await signIn(other, { email: 'nobody@matrix.test', password: PASSWORD }, '198.51.100.4')).toBeNull();
    } finally {
      await other.$disconnect();
    }
    const after = await samplesWith(token);
    expect(after.get(key('wrong_password'))).toBe(before.get(key('wrong_password'))! + 2);
    expect(after.get(key('unknown_user'))).toBe(before.get(key('unknown_user'))! + 1);
    expect(after.get(key('throttled'))).toBe(before.get(key('throttled')));
    expect(after.get(key('disabled'))).toBe(0);
    expect(await t.db.signInFailureTally.findUniqueOrThrow({ where: { reason: 'wrong_password' } })).toMatchObject({
      count: after.get(key('wrong_password')),
    });
  });

  it('takes LIFEBOAT_METRICS_TOKEN too, but not one too short to be safe', async () => {
    process.env.LIFEBOAT_METRICS_TOKEN = 'operator-token-of-thirty-two-chars';
    expect((await scrape('Bearer operator-token-of-thirty-two-chars')).status).toBe(200);
    expect((await scrape(`Bearer ${token}`)).status).toBe(200);
    process.env.LIFEBOAT_METRICS_TOKEN = 'too-short';
    expect((await scrape('Bearer too-short')).status).toBe(401);
    delete process.env.LIFEBOAT_METRICS_TOKEN;
  });

  it('refuses the token once an admin removed it', async () => {
    const state = await clearMetricsTokenAction(initialState, {});
    expect(state).toMatchObject({ ok: true });
    expect(await t.db.metricsToken.count()).toBe(0);
    expect((await scrape(`Bearer ${token}`)).status).toBe(401);
    expect(await clearMetricsTokenAction(initialState, {})).toMatchObject({
      ok: false,
      message: 'There is no token to remove.',
    });
  });
});
