import crypto from 'node:crypto';

// Standard Webhooks (standardwebhooks.com): each request carries webhook-id (the message's id,
// the same on every retry), webhook-timestamp (seconds since the epoch, of this attempt) and
// webhook-signature: "v1," and the base64 HMAC-SHA256 of "<id>.<timestamp>.<body>" under the
// secret's bytes. The secret is shown as "whsec_" and base64 of 24 random bytes.

const PREFIX = 'whsec_';

export function newWebhookSecret(bytes = crypto.randomBytes(24)): string {
  return PREFIX + bytes.toString('base64');
}

function secretBytes(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
}

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = crypto.createHmac('sha256', secretBytes(secret)).update(`${id}.${timestampSeconds}.${body}`);
  return `v1,${mac.digest('base64')}`;
}

/** The three headers of one attempt (plus the body's type). */
export function webhookHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, id, timestamp, body),
  };
}
