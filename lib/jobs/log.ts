// The job's short log: the last lines only, each prefixed with its ISO time, newline separated,
// so a plain `split('\n')` reads it and a runaway handler cannot grow the row without bound.

const LOG_KEEP_LINES = 50;
const MAX_LINE_CHARS = 300;

export function appendLog(log: string, lines: string[], now: Date, keep = LOG_KEEP_LINES): string {
  if (lines.length === 0) return log;
  const stamp = now.toISOString();
  const added = lines.map((line) => {
    const flat = line.replace(/\s*\n\s*/g, ' ').trim();
    return `${stamp} ${flat.length > MAX_LINE_CHARS ? `${flat.slice(0, MAX_LINE_CHARS - 1)}…` : flat}`;
  });
  const all = (log ? log.split('\n') : []).concat(added);
  return all.slice(-keep).join('\n');
}

export type LogLine = { at: string | null; text: string };

export function parseLog(log: string): LogLine[] {
  if (!log) return [];
  return log.split('\n').map((line) => {
    const match = /^(\d{4}-\d\d-\d\dT[\d:.]+Z) (.*)$/.exec(line);
    return match ? { at: match[1], text: match[2] } : { at: null, text: line };
  });
}
