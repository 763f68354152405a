import type { Db } from '@/lib/db/client';
import { encryptSecret } from '@/lib/crypto/secrets';
import type { SmtpSecurity } from '@/lib/domain/alerts/email';
import type { DbOrTx } from '@/lib/jobs';

// The administrator's alert settings: one row, made on first save; until then the defaults
// (webhooks to public addresses only, no SMTP server).

const ID = 'alerts';

export async function alertSettings(db: DbOrTx) {
  const row = await (db as Db).alertSettings.findUnique({ where: { id: ID } });
  return (
    row ?? {
      id: ID,
      allowPrivateTargets: false,
      smtpHost: null,
      smtpPort: null,
      smtpSecurity: 'starttls',
      smtpUser: null,
      smtpPasswordEncrypted: null,
      smtpFrom: null,
      updatedByName: '',
      updatedAt: null,
    }
  );
}

export function setAllowPrivateTargets(db: Db, allow: boolean, byName: string) {
  return db.alertSettings.upsert({
    where: { id: ID },
    create: { id: ID, allowPrivateTargets: allow, updatedByName: byName },
    update: { allowPrivateTargets: allow, updatedByName: byName },
  });
}

export type SmtpInput = {
  host: string;
  port: number;
  security: SmtpSecurity;
  user?: string;
  /** Left out: the stored password stays. */
  password?: string;
  clearPassword: boolean;
  from: string;
};

/** The SMTP server for email alerts; the password is sealed, and a blank one keeps the stored one. */
export function saveSmtp(db: Db, input: SmtpInput, byName: string) {
  const password =
    input.clearPassword || !input.user
      ? { smtpPasswordEncrypted: null }
      : input.password
        ? { smtpPasswordEncrypted: encryptSecret(input.password) }
        : {};
  const data = {
    smtpHost: input.host,
    smtpPort: input.port,
    smtpSecurity: input.security,
    smtpUser: input.user || null,
    smtpFrom: input.from,
    updatedByName: byName,
    ...password,
  };
  return db.alertSettings.upsert({ where: { id: ID }, create: { id: ID, ...data }, update: data });
}
