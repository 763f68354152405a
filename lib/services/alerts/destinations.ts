import { encryptSecret } from '@/lib/crypto/secrets';
import type { Db } from '@/lib/db/client';
import type { AlertEvent } from '@/lib/domain/alerts/events';
import { newWebhookSecret } from '@/lib/domain/alerts/signature';
import { weekStart } from '@/lib/domain/alerts/weekly';
import { DomainError, NotFoundError } from '@/lib/domain/errors';
import { alertSettings } from './settings';
import { checkWebhookUrl } from './webhook';

// A team's alert destinations: made, changed, turned off and on, removed. Who may do so is the
// actions' question (team members and admins); these only keep the rows right.

const MAX_PER_TEAM = 20;

export async function findDestination(db: Db, id: string) {
  const destination = await db.alertDestination.findUnique({ where: { id } });
  if (!destination) throw new NotFoundError('The alert destination');
  return destination;
}

async function assertRoom(db: Db, teamId: string) {
  const count = await db.alertDestination.count({ where: { teamId } });
  if (count >= MAX_PER_TEAM)
    throw new DomainError(`A team can have at most ${MAX_PER_TEAM} alert destinations.`, 'name');
}

/** A new webhook with a fresh signing secret, which is returned once and kept only sealed. */
export async function createWebhook(
  db: Db,
  input: { teamId: string; name: string; url: string; events: AlertEvent[] },
) {
  const { allowPrivateTargets } = await alertSettings(db);
  checkWebhookUrl(input.url, allowPrivateTargets);
  await assertRoom(db, input.teamId);
  const secret = newWebhookSecret();
  const destination = await db.alertDestination.create({
    data: {
      teamId: input.teamId,
      kind: 'webhook',
      name: input.name,
      target: input.url,
      secretEncrypted: encryptSecret(secret),
      events: input.events,
      summaryWeek: weekStart(new Date()),
    },
  });
  return { destination, secret };
}

/** A new email destination: alerts go to this address through the administrator's SMTP server. */
export async function createEmail(
  db: Db,
  input: { teamId: string; name: string; email: string; events: AlertEvent[] },
) {
  await assertRoom(db, input.teamId);
  return db.alertDestination.create({
    data: {
      teamId: input.teamId,
      kind: 'email',
      name: input.name,
      target: input.email,
      events: input.events,
      // The first summary is of the first whole week after it was added.
      summaryWeek: weekStart(new Date()),
    },
  });
}

export function setEvents(db: Db, id: string, events: AlertEvent[]) {
  return db.alertDestination.update({ where: { id }, data: { events } });
}

/** Turning a destination on again forgets its failures: the next delivery starts a fresh count. */
export function setEnabled(db: Db, id: string, enabled: boolean) {
  return db.alertDestination.update({
    where: { id },
    data: enabled ? { enabled, consecutiveFailures: 0, disabledReason: null } : { enabled },
  });
}

/** Removes it with its delivery log; queued deliveries find it gone and end. */
export function deleteDestination(db: Db, id: string) {
  return db.alertDestination.delete({ where: { id } });
}
