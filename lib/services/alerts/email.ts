import nodemailer from 'nodemailer';
import { decryptSecret } from '@/lib/crypto/secrets';
import { emailOf } from '@/lib/domain/alerts/email';
import { DomainError } from '@/lib/domain/errors';
import type { alertSettings } from './settings';

// Sending one alert as an email through the administrator's SMTP server (Admin → Alerts). The
// password is unsealed only here, for the one connection.

type Settings = Awaited<ReturnType<typeof alertSettings>>;

/** No SMTP server is set: trying again cannot help until an administrator sets one. */
export class SmtpNotSet extends DomainError {
  constructor() {
    super(
      'No SMTP server is set for email alerts: an administrator sets one under Admin → Alerts.',
      undefined,
      'smtp_not_set',
    );
    this.name = 'SmtpNotSet';
  }
}

export async function sendAlertEmail(settings: Settings, to: string, payload: string) {
  if (!settings.smtpHost || !settings.smtpPort || !settings.smtpFrom) throw new SmtpNotSet();
  const transport = nodemailer.createTransport({
    host: settings.smtpHost,
    port: settings.smtpPort,
    secure: settings.smtpSecurity === 'tls',
    requireTLS: settings.smtpSecurity === 'starttls',
    ignoreTLS: settings.smtpSecurity === 'none',
    auth: settings.smtpUser
      ? {
          user: settings.smtpUser,
          pass: settings.smtpPasswordEncrypted ? decryptSecret(settings.smtpPasswordEncrypted) : '',
        }
      : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    const { subject, text } = emailOf(payload);
    const info = await transport.sendMail({ from: settings.smtpFrom, to, subject, text });
    const response = String(info.response ?? '');
    return { status: Number(/^\d{3}/.exec(response)?.[0] ?? 250), excerpt: response.slice(0, 1024) };
  } finally {
    transport.close();
  }
}
