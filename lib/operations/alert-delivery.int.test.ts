import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import { createWebhook, setEnabled } from '@/lib/services/alerts/destinations';
import { alertJobEnd } from '@/lib/services/alerts/job-ends';
import { raiseAlert } from '@/lib/services/alerts/raise';
import { setAllowPrivateTargets } from '@/lib/services/alerts/settings';
import { enqueueJob } from '@/lib/jobs';
import { ALERT_WORKER, failingBackup, openAlertDatabase } from '@/tests/alerts';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { jobEnded, setUpTestWorker, waitFor } from '@/tests/jobs';
import { startReceiver, type Receiver } from '@/tests/webhook-receiver';
import { jobName } from './index';

// Alerts end to end on both databases: a job's end raises them, durable jobs deliver them to
// real receivers on loopback that check each signature with the Standard Webhooks reference
// library, failures are retried and logged, a destination that keeps failing is turned off, and
// private targets are refused unless an administrator allows them.

describe.each(PROVIDERS)('webhook alerts on %s', (provider) => {
  let t: TestDatabase;
  let accountId: string;
  let teamA: string;
  let teamB: string;
  const receivers: Receiver[] = [];
  const worker = setUpTestWorker(() => t.db);
  const run = () => worker.start(ALERT_WORKER);
  let n = 0;

  beforeAll(async () => {
    ({ t, accountId } = await openAlertDatabase(provider));
    teamA = (await t.db.team.create({ data: { name: 'Alerted' } })).id;
    teamB = (await t.db.team.create({ data: { name: 'Elsewhere' } })).id;
  });
  afterEach(async () => {
    await setAllowPrivateTargets(t.db, false, 'test');
    await t.db.alertDestination.deleteMany({});
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await t?.drop();
  });

  /** A receiver on loopback and a webhook of `teamId` pointing at it. */
  async function hooked(
    teamId: string,
    events: Parameters<typeof createWebhook>[1]['events'],
    url?: (r: Receiver) => string,
  ) {
    let secret: string | null = null;
    const receiver = await startReceiver(() => secret);
    receivers.push(receiver);
    const made = await createWebhook(t.db, {
      teamId,
      name: `hook-${(n += 1)}`,
      url: url?.(receiver) ?? receiver.url,
      events,
    });
    secret = made.secret;
    return { receiver, destination: made.destination, secret: made.secret };
  }

  const deliveriesOf = (db: Db, destinationId: string) =>
    db.alertDelivery.findMany({ where: { destinationId }, orderBy: { createdAt: 'asc' } });
  const settled = (destinationId: string, count: number) =>
    waitFor(async () => {
      const rows = await deliveriesOf(t.db, destinationId);
      return rows.length === count && rows.every((r) => r.status !== 'queued') ? rows : null;
    }, 30_000);
  const alertOf = (teamId: string) => ({
    teamId,
    type: 'backup.failed' as const,
    summary: 'Take snapshot of web-1 failed: disk gone.',
    data: { instance: { id: 'i', label: 'web-1' } },
  });

  it('sends exactly one signed alert to each destination that wants a failed backup, and none elsewhere', async () => {
    await setAllowPrivateTargets(t.db, true, 'test');
    const one = await hooked(teamA, ['backup.failed']);
    const two = await hooked(teamA, ['backup.failed', 'backup.overdue']);
    const notThis = await hooked(teamA, ['verify.damaged']);
    const otherTeam = await hooked(teamB, ['backup.failed']);
    const { instance, jobId } = await failingBackup(t.db, accountId, teamA, `web-${n}`);
    run();
    expect(await jobEnded(t.db, jobId)).toMatchObject({ status: 'failed' });
    const [first] = await settled(one.destination.id, 1);
    await settled(two.destination.id, 1);
    // Later ends of the same job (a reaper, a second worker) cannot raise it again: give them time.
    await new Promise((r) => setTimeout(r, 300));
    expect(one.receiver.received).toHaveLength(1);
    expect(two.receiver.received).toHaveLength(1);
    expect(notThis.receiver.received).toHaveLength(0);
    expect(otherTeam.receiver.received).toHaveLength(0);
    expect(
      await t.db.alertDelivery.count({
        where: { destinationId: { in: [notThis.destination.id, otherTeam.destination.id] } },
      }),
    ).toBe(0);
    const got = one.receiver.received[0];
    expect(got.verified).toBe(true);
    expect(got.id).toBe(`msg_${first.id}`);
    expect(got.payload).toMatchObject({
      type: 'backup.failed',
      data: {
        team: { id: teamA, name: 'Alerted' },
        instance: { id: instance.id, label: instance.label },
        job: { id: jobId, kind: 'backup.capture', name: 'Take snapshot' },
      },
    });
    expect((got.payload as { data: { summary: string } }).data.summary).toMatch(/^Take snapshot of web-\d+ failed: /);
    expect(first).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      responseStatus: 200,
      responseExcerpt: 'ok',
      event: 'backup.failed',
    });
    // A signature made with another secret is refused by the same library.
    expect(two.receiver.received[0].verified).toBe(true);
    expect(two.secret).not.toBe(one.secret);
  });

  it('tries a failing receiver again with the same webhook-id and logs the answers', async () => {
    await setAllowPrivateTargets(t.db, true, 'test');
    const { receiver, destination } = await hooked(teamA, ['backup.failed']);
    receiver.answer((k) => (k <= 2 ? { status: 503, body: 'down for maintenance' } : { status: 204 }));
    run();
    expect(await raiseAlert(t.db, alertOf(teamA))).toBe(1);
    const [delivery] = await settled(destination.id, 1);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 204, error: null });
    expect(receiver.received.map((r) => r.id)).toEqual(Array(3).fill(`msg_${delivery.id}`));
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    // The delivery row is written by the attempt; the job's own end commits just after it.
    await jobEnded(t.db, delivery.jobId!);
    const job = await t.db.job.findUniqueOrThrow({ where: { id: delivery.jobId! } });
    expect(job).toMatchObject({ kind: 'alert.deliver', status: 'succeeded', attempts: 3 });
    expect(job.log).toMatch(/Attempt 1 of 6 failed: The receiver answered 503/);
  });

  it('turns a destination off after five deliveries in a row fail for good, and says why', async () => {
    await setAllowPrivateTargets(t.db, true, 'test');
    const { receiver, destination } = await hooked(teamA, ['backup.failed']);
    receiver.answer(() => ({ status: 500, body: 'broken receiver' }));
    run();
    for (let i = 0; i < 5; i += 1) await raiseAlert(t.db, alertOf(teamA));
    const rows = await settled(destination.id, 5);
    expect(rows.every((r) => r.status === 'failed' && r.attempts === 6 && r.responseStatus === 500)).toBe(true);
    expect(rows[0].responseExcerpt).toBe('broken receiver');
    expect(receiver.received).toHaveLength(30);
    const off = await t.db.alertDestination.findUniqueOrThrow({ where: { id: destination.id } });
    expect(off).toMatchObject({ enabled: false, consecutiveFailures: 5 });
    expect(off.disabledReason).toMatch(/^Turned off after 5 deliveries in a row failed/);
    // Off, it gets no more alerts; on again, its count starts over.
    expect(await raiseAlert(t.db, alertOf(teamA))).toBe(0);
    await setEnabled(t.db, destination.id, true);
    expect(await t.db.alertDestination.findUniqueOrThrow({ where: { id: destination.id } })).toMatchObject({
      enabled: true,
      consecutiveFailures: 0,
      disabledReason: null,
    });
  });

  it('refuses loopback, private and metadata targets unless an administrator allows them', async () => {
    for (const url of [
      'http://127.0.0.1:9/x',
      'http://[::1]/x',
      'http://169.254.169.254/latest',
      'http://10.1.2.3/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fd00:ec2::254]/',
    ])
      await expect(createWebhook(t.db, { teamId: teamA, name: 'bad', url, events: ['backup.failed'] })).rejects.toThrow(
        /address\. Webhooks go to public addresses only/,
      );
    // A name is checked where it is sent, on every address it resolves to.
    const byName = await hooked(teamA, ['backup.failed'], (r) => r.url.replace('127.0.0.1', 'localhost'));
    // One saved while private targets were allowed is refused once they are not.
    await setAllowPrivateTargets(t.db, true, 'test');
    const saved = await hooked(teamA, ['backup.failed']);
    await setAllowPrivateTargets(t.db, false, 'test');
    run();
    await raiseAlert(t.db, alertOf(teamA));
    const [named] = await settled(byName.destination.id, 1);
    const [literal] = await settled(saved.destination.id, 1);
    expect(named).toMatchObject({ status: 'failed', attempts: 1 });
    expect(named.error).toMatch(/^localhost is at (127\.0\.0\.1|::1), a loopback address/);
    expect(literal).toMatchObject({ status: 'failed', attempts: 1 });
    expect(literal.error).toMatch(/^127\.0\.0\.1 is a loopback address/);
    expect(byName.receiver.received).toHaveLength(0);
    expect(saved.receiver.received).toHaveLength(0);
  });

  it('does not follow a redirect: the delivery fails and the place it points to gets nothing', async () => {
    await setAllowPrivateTargets(t.db, true, 'test');
    const target = await hooked(teamB, ['verify.damaged']);
    const { receiver, destination } = await hooked(teamA, ['backup.failed']);
    receiver.answer(() => ({ status: 307, headers: { location: target.receiver.url } }));
    run();
    await raiseAlert(t.db, alertOf(teamA));
    const [delivery] = await settled(destination.id, 1);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 6, responseStatus: 307 });
    expect(delivery.error).toMatch(/redirect, which is not followed/);
    expect(receiver.received).toHaveLength(6);
    expect(target.receiver.received).toHaveLength(0);
  });

  it('raises "verify found damage" from a verify that ran to its end and found a damaged chunk', async () => {
    await setAllowPrivateTargets(t.db, true, 'test');
    const { receiver, destination } = await hooked(teamA, ['verify.damaged']);
    const job = await enqueueJob(t.db, { kind: 'backup.verify', input: { backupId: 'b' }, teamId: teamA });
    await t.db.job.update({
      where: { id: job.id },
      data: { status: 'succeeded', result: { ok: false, problems: ['chunk 3 does not match its hash'] } },
    });
    await alertJobEnd(t.db, job.id, 'succeeded', null, { jobName });
    run();
    await settled(destination.id, 1);
    expect(receiver.received[0].payload).toMatchObject({
      type: 'verify.damaged',
      data: {
        summary: 'A verify of a backup found damage: chunk 3 does not match its hash. It will not be used to restore.',
      },
    });
  });
});
