import { z } from 'zod';
import { ALERT_EVENTS } from '@/lib/domain/alerts/events';
import { webhookUrlProblem } from '@/lib/domain/alerts/addresses';
import { SMTP_SECURITY } from '@/lib/domain/alerts/email';
import { checkbox } from './admin';
import { labelText, wholeNumber } from './text';

// The alert settings screen's forms, one schema each, shared by the actions and the forms' field names.

const id = (what: string) => z.string({ message: `Choose ${what}.` }).min(1, `Choose ${what}.`);

const name = labelText('Enter a name.')
  .min(1, 'Enter a name, like "On-call webhook".')
  .max(60, 'A name can have at most 60 characters.');

// Ticked boxes post one value each; one ticked box is a string, none is nothing.
const events = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.enum(ALERT_EVENTS, { message: 'Choose events from the list.' }))
    .min(1, 'Choose at least one event.')
    .transform((list) => [...new Set(list)]),
);

const url = z
  .string({ message: 'Enter the webhook URL.' })
  .trim()
  .min(1, 'Enter the webhook URL.')
  .max(2000, 'A URL can have at most 2,000 characters.')
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const createWebhookInput = z.object({ teamId: id('a team'), name, url, events });

export const destinationEventsInput = z.object({ destinationId: id('a destination'), events });

export const destinationInput = z.object({ destinationId: id('a destination') });

// The form posts "true" or "false" from a hidden input: left out, nothing would say which.
export const destinationEnabledInput = z.object({
  destinationId: id('a destination'),
  enabled: z.preprocess(
    (v) => (v === 'true' ? true : v === 'false' ? false : v),
    z.boolean({ message: 'Say whether to turn it on or off.' }),
  ),
});

export const alertTargetsInput = z.object({ allowPrivateTargets: checkbox });

const email = (message: string) =>
  z
    .string({ message })
    .trim()
    .min(1, message)
    .max(254, 'An email address can have at most 254 characters.')
    .pipe(z.email('Enter a valid email address, like oncall@example.com.'));

export const createEmailInput = z.object({
  teamId: id('a team'),
  name,
  email: email('Enter the email address.'),
  events,
});

/** An empty form field means "not given". */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const smtpSettingsInput = z.object({
  host: labelText("Enter the SMTP server's host name.")
    .min(1, "Enter the SMTP server's host name.")
    .max(253, 'A host name can have at most 253 characters.')
    .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'Enter a host name or address, like smtp.example.com.'),
  port: wholeNumber({
    min: 1,
    max: 65_535,
    message: 'Enter a port number, like 587.',
    minMessage: 'A port is at least 1.',
    maxMessage: 'A port is at most 65535.',
  }),
  security: z.enum(SMTP_SECURITY, { message: 'Choose how the connection is encrypted.' }),
  user: z.preprocess(blank, labelText().max(254, 'A user name can have at most 254 characters.').optional()),
  // Blank keeps the stored password; never trimmed (spaces may be part of it).
  password: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().max(512, 'A password can have at most 512 characters.').optional(),
  ),
  clearPassword: checkbox,
  from: email('Enter the address alerts come from.'),
});
