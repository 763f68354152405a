import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { openAlertDatabase } from '@/tests/alerts';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { createEmail, createWebhook } from './destinations';
import { sendWeeklySummaries } from './weekly';

// The weekly summary on both databases: due on Monday from 08:00 UTC, once per destination that
// asked for it however many ticks (and schedulers) there are, with the week counted.

const at = (iso: string) => new Date(iso);

describe.each(PROVIDERS)('weekly summaries on %s', (provider) => {
  let t: TestDatabase;
  let teamId: string;
  let wanting: string;

  beforeAll(async () => {
    ({ t } = await openAlertDatabase(provider));
    teamId = (await t.db.team.create({ data: { name: 'Weekly' } })).id;
    wanting = (await createEmail(t.db, { teamId, name: 'Lead', email: 'lead@example.com', events: ['summary.weekly'] }))
      .id;
    await createWebhook(t.db, {
      teamId,
      name: 'Failures only',
      url: 'https://hooks.example.com/x',
      events: ['backup.failed'],
    });
    // Made "last week" for the summary of the week of 2026-03-09.
    await t.db.alertDestination.updateMany({ data: { summaryWeek: at('2026-03-02T00:00:00Z') } });
    const backup = (status: 'successful' | 'failed', createdAt: string) => ({
      instanceId: 'i',
      teamId,
      region: 'eu-central',
      kind: 'automatic' as const,
      status,
      diskId: '',
      createdAt: at(createdAt),
    });
    const account = await t.db.providerAccount.findFirstOrThrow();
    await t.db.instance.create({
      data: { id: 'i', accountId: account.id, teamId, label: 'weekly-1', region: 'eu-central', plan: 'micro' },
    });
    await t.db.backup.createMany({
      data: [
        backup('successful', '2026-03-03T10:00:00Z'),
        backup('successful', '2026-03-04T10:00:00Z'),
        backup('failed', '2026-03-05T10:00:00Z'),
        backup('successful', '2026-02-20T10:00:00Z'), // the week before: not counted
      ],
    });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('sends one summary of last week to the destination that asked, on Monday morning, across ticks and schedulers', async () => {
    expect(await sendWeeklySummaries(t.db, at('2026-03-09T07:59:00Z'))).toBe(0);
    let second: Db | null = null;
    if (provider === 'postgres') second = createDb(t.url);
    try {
      const sent = await Promise.all([
        sendWeeklySummaries(t.db, at('2026-03-09T08:01:00Z')),
        sendWeeklySummaries(second ?? t.db, at('2026-03-09T08:01:00Z')),
      ]);
      expect(sent[0] + sent[1]).toBe(1);
    } finally {
      await second?.$disconnect();
    }
    expect(await sendWeeklySummaries(t.db, at('2026-03-10T12:00:00Z'))).toBe(0);
    const deliveries = await t.db.alertDelivery.findMany({ where: { event: 'summary.weekly' } });
    expect(deliveries.map((d) => d.destinationId)).toEqual([wanting]);
    expect(JSON.parse(deliveries[0].payload)).toMatchObject({
      type: 'summary.weekly',
      data: {
        summary: 'Last week: 2 successful backups, 1 failed backup.',
        week: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' },
        backups: { succeeded: 2, failed: 1, overdue: 0, damaged: 0 },
      },
    });
    // The next Monday is a new week.
    expect(await sendWeeklySummaries(t.db, at('2026-03-16T09:00:00Z'))).toBe(1);
  });
});
