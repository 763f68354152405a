// How a moment is written in UTC on every screen: the same text on the server and in the
// browser, so it can be rendered before the viewer's own zone is known.

/** "2026-12-01 10:00 UTC" from an ISO time; with seconds "2026-12-01 10:00:05 UTC". */
export function utcLabel(iso: string, seconds = false): string {
  return `${iso.slice(0, seconds ? 19 : 16).replace('T', ' ')} UTC`;
}
