import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, webhookHeaders } from './signature';

describe('Standard Webhooks signatures', () => {
  // The example of the specification (github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md).
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';

  it('signs "<id>.<timestamp>.<body>" with HMAC-SHA256 under the secret\'s bytes, as the spec\'s example', () => {
    expect(signWebhook(secret, id, timestamp, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('sends the three headers, the timestamp in whole seconds', () => {
    const headers = webhookHeaders(secret, id, new Date(timestamp * 1000 + 999), body);
    expect(headers).toEqual({
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('makes secrets of 24 random bytes as whsec_ and base64', () => {
    const made = newWebhookSecret(Buffer.alloc(24, 7));
    expect(made).toBe(`whsec_${Buffer.alloc(24, 7).toString('base64')}`);
    expect(Buffer.from(newWebhookSecret().slice(6), 'base64')).toHaveLength(24);
    expect(newWebhookSecret()).not.toBe(newWebhookSecret());
    // A changed body gives another signature.
    expect(signWebhook(made, id, timestamp, body)).not.toBe(signWebhook(made, id, timestamp, `${body} `));
  });
});
