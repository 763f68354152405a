import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { runSchedulerTick } from '@/lib/operations/scheduler';
import { enableBackups } from '@/lib/services/backups';
import { provisionInstance } from '@/lib/services/provisioning';
import { openAlertDatabase } from '@/tests/alerts';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { createWebhook } from './destinations';
import { alertOverdueBackups } from './overdue';

// Overdue backups on both databases, with the scheduler's clock given to each tick: one alert
// per episode however many ticks see it, a new one only after a backup succeeded and then
// lapsed again, and one when two schedulers tick at once.

const HOUR = 3_600_000;
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

describe.each(PROVIDERS)('overdue alerts on %s', (provider) => {
  let t: TestDatabase;
  let accountId: string;
  let teamId: string;
  let instanceId: string;
  let destinationId: string;
  const enabledAt = new Date('2026-03-02T00:00:00Z');

  beforeAll(async () => {
    ({ t, accountId } = await openAlertDatabase(provider));
    teamId = (await t.db.team.create({ data: { name: 'Late' } })).id;
    const make = async (label: string) => {
      const i = await provisionInstance(t.db, { accountId, teamId, label, region: 'eu-central', plan: 'micro' });
      await enableBackups(t.db, i.id, enabledAt);
      return i.id;
    };
    instanceId = await make('lagging');
    // Another team's overdue instance alerts only its own team (which has no destination).
    const other = (await t.db.team.create({ data: { name: 'Quiet' } })).id;
    const quiet = await provisionInstance(t.db, {
      accountId,
      teamId: other,
      label: 'quiet',
      region: 'eu-central',
      plan: 'micro',
    });
    await enableBackups(t.db, quiet.id, enabledAt);
    const made = await createWebhook(t.db, {
      teamId,
      name: 'on-call',
      url: 'https://hooks.example.com/x',
      events: ['backup.overdue'],
    });
    destinationId = made.destination.id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  const alerts = () => t.db.alertDelivery.findMany({ where: { destinationId, event: 'backup.overdue' } });

  it('alerts once when backups fall 26 hours behind, not on every tick', async () => {
    // 26 hours after enabling is still on time.
    expect((await alertOverdueBackups(t.db, plus(enabledAt, 26 * HOUR))).opened).toBe(0);
    const late = plus(enabledAt, 27 * HOUR);
    expect(await runSchedulerTick(t.db, late)).toMatchObject({ overdueAlerts: 2 });
    for (const later of [plus(late, 60_000), plus(late, HOUR), plus(late, 20 * HOUR)])
      expect(await runSchedulerTick(t.db, later)).toMatchObject({ overdueAlerts: 0 });
    const sent = await alerts();
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0].payload)).toMatchObject({
      type: 'backup.overdue',
      data: {
        instance: { id: instanceId, label: 'lagging' },
        summary: 'Backups of lagging are overdue: none succeeded in the last 26 hours.',
      },
    });
  });

  it('starts a new episode only after a backup succeeded and then lapsed again, once across two schedulers', async () => {
    const takenAt = plus(enabledAt, 50 * HOUR);
    await t.db.backup.create({
      data: { instanceId, teamId, region: 'eu-central', kind: 'snapshot', status: 'successful', diskId: '', takenAt },
    });
    expect(await alertOverdueBackups(t.db, plus(takenAt, HOUR))).toEqual({ opened: 0, closed: 1 });
    expect(await t.db.overdueAlert.count({ where: { instanceId } })).toBe(0);
    expect((await alertOverdueBackups(t.db, plus(takenAt, 25 * HOUR))).opened).toBe(0);
    // Two schedulers at once: two clients on PostgreSQL, one writer at a time on SQLite anyway.
    let second: Db | null = null;
    if (provider === 'postgres') second = createDb(t.url);
    try {
      const again = plus(takenAt, 27 * HOUR);
      const results = await Promise.all([alertOverdueBackups(t.db, again), alertOverdueBackups(second ?? t.db, again)]);
      expect(results[0].opened + results[1].opened).toBe(1);
    } finally {
      await second?.$disconnect();
    }
    expect(await alerts()).toHaveLength(2);
  });

  it('finds the few overdue instances among many that are fine', async () => {
    const now = plus(enabledAt, 200 * HOUR);
    const fresh = plus(now, -HOUR);
    // 450 instances with a recent successful backup, written in bulk; three without.
    await t.db.instance.createMany({
      data: Array.from({ length: 450 }, (_, i) => ({
        id: `bulk-${String(i).padStart(4, '0')}`,
        accountId,
        teamId,
        label: `bulk-${i}`,
        region: 'eu-central',
        plan: 'micro',
        backupsEnabled: true,
        backupsEnabledAt: enabledAt,
      })),
    });
    await t.db.backup.createMany({
      data: Array.from({ length: 450 }, (_, i) => ({
        instanceId: `bulk-${String(i).padStart(4, '0')}`,
        teamId,
        region: 'eu-central',
        kind: 'snapshot' as const,
        status: 'successful' as const,
        diskId: '',
        takenAt: fresh,
      })),
    });
    await t.db.backup.deleteMany({ where: { instanceId: { in: ['bulk-0007', 'bulk-0222', 'bulk-0449'] } } });
    await t.db.overdueAlert.deleteMany({});
    const { opened } = await alertOverdueBackups(t.db, now);
    // lagging (its last success is long ago), quiet, and the three bulk instances without a backup.
    expect(opened).toBe(5);
    expect(
      (
        await t.db.overdueAlert.findMany({
          where: { instanceId: { startsWith: 'bulk-' } },
          orderBy: { instanceId: 'asc' },
        })
      ).map((o) => o.instanceId),
    ).toEqual(['bulk-0007', 'bulk-0222', 'bulk-0449']);
  });
});
