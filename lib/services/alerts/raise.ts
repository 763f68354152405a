import type { Db } from '@/lib/db/client';
import { wantsEvent, type AlertType } from '@/lib/domain/alerts/events';
import type { DbOrTx } from '@/lib/jobs';
import { queueDelivery } from '@/lib/operations/alert-delivery';

// Raising an alert: one delivery row and one durable job per destination of the team that
// wants it. Called inside the transaction of what caused it (a job's end, the scheduler's
// overdue episode), so an alert is raised exactly once with its cause, or not at all.

export type Alert = {
  teamId: string;
  type: AlertType;
  /** One sentence a person reads: the email's subject, the webhook's data.summary. */
  summary: string;
  data: Record<string, unknown>;
};

/** The body every destination gets (Standard Webhooks' type, timestamp and data). */
export function alertBody(alert: Alert, team: { id: string; name: string }, at: Date): string {
  return JSON.stringify({
    type: alert.type,
    timestamp: at.toISOString(),
    data: { summary: alert.summary, team, ...alert.data },
  });
}

/** Queues the alert to every enabled destination of its team that wants it (or to one); the number queued. */
export async function raiseAlert(db: DbOrTx, alert: Alert, only?: { destinationId: string }, at = new Date()) {
  const client = db as Db;
  const destinations = await client.alertDestination.findMany({
    where: { teamId: alert.teamId, ...(only ? { id: only.destinationId } : { enabled: true }) },
    select: { id: true, events: true },
  });
  const wanting = destinations.filter((d) => wantsEvent(d.events, alert.type));
  if (wanting.length === 0) return 0;
  const team = await client.team.findUniqueOrThrow({ where: { id: alert.teamId }, select: { id: true, name: true } });
  const payload = alertBody(alert, team, at);
  for (const d of wanting) {
    const delivery = await client.alertDelivery.create({
      data: { destinationId: d.id, teamId: alert.teamId, event: alert.type, payload },
    });
    await queueDelivery(client, delivery);
  }
  return wanting.length;
}
