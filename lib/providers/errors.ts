// The only errors that leave lib/providers: each provider turns its own (an HTTP client's, an
// SDK's) into one of these, so the action layer and the jobs decide what to do from the kind of
// failure and never from which provider it was. Every message is in plain words, fit to show as
// it is; `field` names the form field it concerns, in Lifeboat's names, when the provider blamed one.

export type ProviderErrorInit = { message: string; field?: string; code?: string; cause?: unknown };

export class ProviderError extends Error {
  readonly field?: string;
  readonly code?: string;

  constructor(init: ProviderErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ProviderError';
    this.field = init.field;
    this.code = init.code;
  }
}

/** The provider said no to the request itself: asking again gets the same answer. A form shows it beside its field. */
export class ProviderRefusal extends ProviderError {
  constructor(init: ProviderErrorInit) {
    super(init);
    this.name = 'ProviderRefusal';
  }
}

/** The provider accepted the operation, ran it and it failed: a job ends for good. */
export class ProviderPermanentError extends ProviderError {
  constructor(init: ProviderErrorInit) {
    super(init);
    this.name = 'ProviderPermanentError';
  }
}

/** A rate limit, a server error or a lost connection: the same request may succeed later. */
export class ProviderRetryableError extends ProviderError {
  constructor(init: ProviderErrorInit) {
    super(init);
    this.name = 'ProviderRetryableError';
  }
}
