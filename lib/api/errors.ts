// The one shape of every /api/v1 error: `{ "error": { "code", "message", "fields"? } }`, with the
// same plain-words messages and field names as the forms. Codes map to HTTP statuses here.

export type ApiErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };

const STATUS: Record<string, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  password_change_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  busy: 409,
  name_taken: 409,
  idempotency_in_progress: 409,
  unsupported_media_type: 415,
  invalid: 422,
  refused: 422,
  quota: 422,
  idempotency_key_reused: 422,
  rate_limited: 429,
  provider_failed: 502,
};

/** A refusal's HTTP status: 422 for any refusal without a status of its own (a limit, a wrong confirmation). */
export function statusOf(code: string | undefined): number {
  return (code && STATUS[code]) || 422;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string[]>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static of(code: string, message: string, fields?: Record<string, string[]>): ApiError {
    return new ApiError(statusOf(code), code, message, fields);
  }

  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}
