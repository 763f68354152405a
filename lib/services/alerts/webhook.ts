import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { literalAddress, privateReason, webhookUrlProblem } from '@/lib/domain/alerts/addresses';
import { DomainError } from '@/lib/domain/errors';

// Sending one webhook request, guarded against server-side request forgery: every address the
// request would connect to is checked at the moment of connecting (the check sits in the
// socket's own lookup, so a name that resolves to a public address when saved and to 127.0.0.1
// when sent is still refused), redirects are never followed (a 3xx is a failed delivery), and
// only http and https are spoken. An administrator may allow private targets (Admin → Alerts).

/** The target is not allowed: trying again cannot help. */
export class WebhookTargetRefused extends DomainError {
  constructor(message: string) {
    super(message, 'url', 'webhook_target');
    this.name = 'WebhookTargetRefused';
  }
}

export type WebhookResponse = { status: number; excerpt: string };

const EXCERPT_BYTES = 1024;
const TIMEOUT_MS = 10_000;

function refusal(host: string, address: string, why: string) {
  const at = address === host ? '' : `at ${address}, `;
  const a = /^[aeiou]/.test(why) ? 'an' : 'a';
  return new WebhookTargetRefused(
    `${host} is ${at}${a} ${why} address. Webhooks go to public addresses only, unless an administrator allows private ones.`,
  );
}

/** Refuses a URL that is malformed or written with a private address (names are checked when sent). */
export function checkWebhookUrl(url: string, allowPrivate: boolean): void {
  const problem = webhookUrlProblem(url);
  if (problem) throw new WebhookTargetRefused(problem);
  const host = new URL(url).hostname;
  const literal = literalAddress(host);
  const why = literal && !allowPrivate ? privateReason(literal) : null;
  if (literal && why) throw refusal(literal, literal, why);
}

/** A resolver for the socket that refuses private addresses (every one the name has). */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true } as dns.LookupAllOptions, (error, list) => {
      if (error) return callback(error, '', 0);
      for (const a of list) {
        const why = allowPrivate ? null : privateReason(a.address);
        if (why) return callback(refusal(hostname, a.address, why), '', 0);
      }
      if (options.all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/** POSTs the body; answers the status and the start of the response, or throws why it could not. */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { allowPrivate: boolean; timeoutMs?: number },
): Promise<WebhookResponse> {
  checkWebhookUrl(url, options.allowPrivate);
  const target = new URL(url);
  const send = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'user-agent': 'Lifeboat-Webhooks/1', 'content-length': Buffer.byteLength(body) },
        lookup: guardedLookup(options.allowPrivate),
        timeout: options.timeoutMs ?? TIMEOUT_MS,
        // One request per connection: a kept-alive socket would skip the lookup's check.
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            excerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`No answer within ${(options.timeoutMs ?? TIMEOUT_MS) / 1000} s.`)),
    );
    request.on('error', (error) =>
      reject(error instanceof WebhookTargetRefused ? error : new Error(connectionError(target, error))),
    );
    request.end(body);
  });
}

function connectionError(target: URL, error: Error & { code?: string }): string {
  if (error.code === 'ENOTFOUND') return `${target.hostname} was not found (DNS).`;
  if (error.code === 'ECONNREFUSED') return `${target.host} refused the connection.`;
  if (error.code === 'ECONNRESET') return `${target.host} closed the connection.`;
  return error.message || 'The request failed.';
}
