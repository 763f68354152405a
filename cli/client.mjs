// The HTTP side of the `lifeboat` command: one request helper over fetch that turns an API
// error into an exception carrying the server's words and the exit code for it.
import { EXIT, exitCodeFor } from './exit-codes.mjs';

export class CliError extends Error {
  constructor(message, code, details) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

export function apiClient({ url, token, fetchImpl = fetch }) {
  const base = url.replace(/\/+$/, '');
  return async function request(method, path, body, headers = {}) {
    let response;
    try {
      response = await fetchImpl(`${base}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch (error) {
      throw new CliError(`Cannot reach ${base}: ${error.cause?.message ?? error.message}`, EXIT.error);
    }
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      throw new CliError(
        `${base} answered ${response.status} with something that is not JSON. Is it a Lifeboat server?`,
        EXIT.error,
      );
    }
    if (!response.ok) {
      const err = data?.error;
      // A field's words already said as the message are not said twice.
      const fields = Object.entries(err?.fields ?? {})
        .filter(([, messages]) => messages.join(' ') !== err.message)
        .map(([field, messages]) => `  ${field}: ${messages.join(' ')}`);
      const message = [err?.message ?? `The server answered ${response.status}.`, ...fields].join('\n');
      throw new CliError(message, exitCodeFor(response.status), data);
    }
    return data;
  };
}
