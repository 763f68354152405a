// An expected refusal (a limit, a busy instance, a label taken) that the user should read as
// is. Actions turn it into form state; anything else is a bug and is re-thrown.
export class DomainError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(`${what} was not found, or you do not have access to it.`, undefined, 'not_found');
    this.name = 'NotFoundError';
  }
}
