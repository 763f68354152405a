// The `lifeboat` command's exit codes, which scripts may rely on (the README lists them).
export const EXIT = Object.freeze({
  ok: 0,
  /** The server failed (5xx), could not be reached, or answered something unexpected. */
  error: 1,
  /** The command line was wrong: an unknown command, a missing argument, no --yes where needed. */
  usage: 2,
  /** Not signed in, or the token may not do this (401, 403). */
  auth: 3,
  /** No such instance, image, backup or job, or not one the token may see (404). */
  notFound: 4,
  /** The request was refused: bad input, a limit, busy (409, 422, 429). */
  refused: 5,
  /** --wait: the job ended failed or cancelled. */
  jobFailed: 6,
});

/** The exit code for an API answer's HTTP status. */
export function exitCodeFor(status) {
  if (status === 401 || status === 403) return EXIT.auth;
  if (status === 404) return EXIT.notFound;
  if (status === 409 || status === 422 || status === 429 || status === 400 || status === 415) return EXIT.refused;
  return EXIT.error;
}
