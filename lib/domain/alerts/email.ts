// An alert as an email: the subject is the alert's one sentence, the text says the rest in
// lines a person reads. Built from the same body a webhook gets, so both say the same thing.

export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

export const SMTP_SECURITY_LABELS: Record<SmtpSecurity, string> = {
  starttls: 'STARTTLS required (usually port 587)',
  tls: 'TLS from the start (usually port 465)',
  none: 'No encryption (only inside a trusted network)',
};

type Body = {
  type?: string;
  timestamp?: string;
  data?: {
    summary?: string;
    team?: { name?: string };
    instance?: { label?: string } | null;
    job?: { name?: string; id?: string };
    error?: string | null;
  };
};

/** One line of header text: no line breaks (they would start a new header), at most 200 characters. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

export function emailOf(payload: string): { subject: string; text: string } {
  const body = JSON.parse(payload) as Body;
  const d = body.data ?? {};
  const summary = d.summary ?? 'An alert from Lifeboat.';
  const lines = [
    summary,
    '',
    d.team?.name && `Team: ${d.team.name}`,
    d.instance?.label && `Instance: ${d.instance.label}`,
    d.job?.name && `Job: ${d.job.name}${d.job.id ? ` (${d.job.id})` : ''}`,
    d.error && `Reason: ${d.error}`,
    `Event: ${body.type ?? 'alert'}`,
    body.timestamp && `When: ${body.timestamp}`,
    '',
    "Sent by Lifeboat. The team's Alerts page sets which alerts go where.",
  ].filter((l): l is string => typeof l === 'string');
  return { subject: oneLine(`[Lifeboat] ${summary}`), text: `${lines.join('\n')}\n` };
}
