// Where a browser may be sent back to after sign-in (callbackUrl and any other return address):
// only a page of this app. The value is resolved the way a browser would resolve it, against
// the app's own origin, and kept only when it stays on that origin; anything else is '/'.
// Looking at the first characters is not enough: browsers read "/\host" and "/<tab>/host" as
// "//host", drop tabs and line breaks anywhere, and accept "https:host" without slashes.
// The result is the URL parser's own serialisation (path, query, fragment), so it never holds a
// backslash, a control character or a line break and is safe in a Location header.

/** The origin used when the app's own is not known: only paths can resolve onto it. */
export const PLACEHOLDER_ORIGIN = 'http://lifeboat.invalid';

// Longer than any address of the app; a huge value is not worth parsing.
const MAX_LENGTH = 2048;

/** A same-origin path (with query and fragment) for `value`, or '/' when it leads anywhere else. */
export function returnPath(value: unknown, origin: string = PLACEHOLDER_ORIGIN): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string' || raw === '' || raw.length > MAX_LENGTH) return '/';
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    base = new URL(PLACEHOLDER_ORIGIN);
  }
  const resolved = parse(raw, base);
  if (!resolved || resolved.origin !== base.origin) return '/';
  // "/.//host" resolves to the path "//host", which a browser given it as a Location would
  // read as another host: one leading slash only.
  const path = `${resolved.pathname.replace(/^\/+/, '/')}${resolved.search}${resolved.hash}`;
  // Re-resolving the result must land on the same origin again; anything else is a bug here.
  return parse(path, base)?.origin === base.origin ? path : '/';
}

function parse(value: string, base: URL): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}
