'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { EVENT_LABELS } from '@/lib/domain/alerts/events';
import {
  alertTargetsInput,
  createEmailInput,
  createWebhookInput,
  destinationEnabledInput,
  destinationEventsInput,
  destinationInput,
  smtpSettingsInput,
} from '@/lib/schemas/alerts';
import {
  createEmail,
  createWebhook,
  deleteDestination,
  findDestination,
  setEnabled,
  setEvents,
} from '@/lib/services/alerts/destinations';
import { raiseAlert } from '@/lib/services/alerts/raise';
import { saveSmtp, setAllowPrivateTargets } from '@/lib/services/alerts/settings';
import { findTeam } from '@/lib/services/teams';
import { action, type ActionContext } from './safe-action';

// The alert settings screen's actions. A team's members and admins choose where its alerts go
// and which; viewers only look. An administrator decides whether webhooks may reach private
// addresses. The audit entry names the destination and its URL, never its signing secret.

// Not exported: a 'use server' file's exports are endpoints.
async function destinationFor(ctx: ActionContext, destinationId: string) {
  // One that does not exist and one of a team the caller cannot see read the same.
  const destination = await findDestination(db(), destinationId);
  authorize(ctx.caller, 'write', destination.teamId, 'The alert destination');
  ctx.target({ type: 'alert-destination', id: destination.id, label: destination.name, teamId: destination.teamId });
  return destination;
}

const done = () => {
  revalidatePath('/alerts');
  revalidatePath('/admin/alerts');
};

/** Adds a signed webhook; its secret comes back once, for the receiver's configuration. */
export const createWebhookAction = action('alert.webhook-create', createWebhookInput, async (input, ctx) => {
  authorize(ctx.caller, 'write', input.teamId, 'The team');
  const team = await findTeam(db(), input.teamId);
  ctx.target({ type: 'alert-destination', label: input.name, teamId: team.id });
  const { destination, secret } = await createWebhook(db(), input);
  ctx.target({ id: destination.id });
  ctx.detail(`Webhook to ${destination.target} for ${input.events.join(', ')}.`);
  done();
  return {
    ok: true,
    message: `Webhook ${destination.name} added. Copy its signing secret now: it is not shown again.`,
    data: { destinationId: destination.id, secret },
  };
});

/** Adds an email address; alerts reach it through the administrator's SMTP server. */
export const createEmailAction = action('alert.email-create', createEmailInput, async (input, ctx) => {
  authorize(ctx.caller, 'write', input.teamId, 'The team');
  const team = await findTeam(db(), input.teamId);
  ctx.target({ type: 'alert-destination', label: input.name, teamId: team.id });
  const destination = await createEmail(db(), input);
  ctx.target({ id: destination.id });
  ctx.detail(`Email to ${destination.target} for ${input.events.join(', ')}.`);
  done();
  return { ok: true, message: `Email destination ${destination.name} added.`, data: { destinationId: destination.id } };
});

export const setEventsAction = action('alert.events', destinationEventsInput, async (input, ctx) => {
  const destination = await destinationFor(ctx, input.destinationId);
  await setEvents(db(), destination.id, input.events);
  ctx.detail(`Events: ${input.events.join(', ')}.`);
  done();
  return {
    ok: true,
    message: `${destination.name} now gets: ${input.events.map((e) => EVENT_LABELS[e].toLowerCase()).join('; ')}.`,
  };
});

/** Turns a destination off or on again (which forgets its past failures). */
export const setEnabledAction = action('alert.enable', destinationEnabledInput, async (input, ctx) => {
  const destination = await destinationFor(ctx, input.destinationId);
  await setEnabled(db(), destination.id, input.enabled);
  ctx.detail(input.enabled ? 'Turned on.' : 'Turned off.');
  done();
  return { ok: true, message: `${destination.name} is ${input.enabled ? 'on' : 'off'}.` };
});

export const deleteDestinationAction = action('alert.delete', destinationInput, async (input, ctx) => {
  const destination = await destinationFor(ctx, input.destinationId);
  await deleteDestination(db(), destination.id);
  done();
  return { ok: true, message: `${destination.name} removed.` };
});

/** Sends a test alert to one destination now, whether or not it is on; the log shows the answer. */
export const sendTestAction = action('alert.test', destinationInput, async (input, ctx) => {
  const destination = await destinationFor(ctx, input.destinationId);
  await raiseAlert(
    db(),
    {
      teamId: destination.teamId,
      type: 'alert.test',
      summary: `A test alert from Lifeboat, sent by ${ctx.caller.email}.`,
      data: { destination: { id: destination.id, name: destination.name } },
    },
    { destinationId: destination.id },
  );
  done();
  return { ok: true, message: `Test alert queued for ${destination.name}. Its answer appears in the delivery log.` };
});

/** Admins only: may webhooks reach loopback, private and link-local addresses (an internal receiver)? */
export const setAlertTargetsAction = action('alert.settings', alertTargetsInput, async (input, ctx) => {
  authorize(ctx.caller, 'admin');
  ctx.target({ type: 'alert-settings', id: 'alerts', label: 'Alert settings' });
  await setAllowPrivateTargets(db(), input.allowPrivateTargets, ctx.caller.email);
  ctx.detail(input.allowPrivateTargets ? 'Private webhook targets allowed.' : 'Webhooks to public addresses only.');
  done();
  return {
    ok: true,
    message: input.allowPrivateTargets
      ? 'Webhooks may now reach private and loopback addresses.'
      : 'Webhooks now go to public addresses only.',
  };
});

/** Admins only: the SMTP server email alerts go through; the password is sealed and never shown. */
export const setSmtpAction = action('alert.smtp', smtpSettingsInput, async (input, ctx) => {
  authorize(ctx.caller, 'admin');
  ctx.target({ type: 'alert-settings', id: 'alerts', label: 'Alert settings' });
  await saveSmtp(db(), input, ctx.caller.email);
  const password = input.clearPassword ? ' Password removed.' : input.password ? ' Password set.' : '';
  ctx.detail(`SMTP ${input.host}:${input.port} (${input.security}), from ${input.from}.${password}`);
  done();
  return { ok: true, message: `Email alerts now go through ${input.host}:${input.port}.` };
});
