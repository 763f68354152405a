import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret } from '@/lib/crypto/secrets';
import { ALERT_WORKER, failingBackup, openAlertDatabase } from '@/tests/alerts';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { jobEnded, setUpTestWorker, waitFor } from '@/tests/jobs';
import { startSmtp } from '@/tests/smtp-receiver';
import { createEmail } from './destinations';
import { raiseAlert } from './raise';
import { alertSettings, saveSmtp } from './settings';

// Email alerts on both databases, through a real SMTP server on loopback that checks the
// password (stored sealed) and keeps the message: a failed backup sends one email per address.

const credentials = { user: 'alerts', password: 'a long smtp pass phrase' };

describe.each(PROVIDERS)('email alerts on %s', (provider) => {
  let t: TestDatabase;
  let teamId: string;
  let accountId: string;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const worker = setUpTestWorker(() => t.db);
  const run = () => worker.start(ALERT_WORKER);

  beforeAll(async () => {
    ({ t, accountId } = await openAlertDatabase(provider));
    teamId = (await t.db.team.create({ data: { name: 'Mailed' } })).id;
    smtp = await startSmtp(credentials);
  });
  afterEach(async () => {
    await t.db.alertDestination.deleteMany({});
    smtp.mails.length = 0;
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.drop();
  });

  const configure = (password = credentials.password) =>
    saveSmtp(
      t.db,
      {
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        user: credentials.user,
        password,
        clearPassword: false,
        from: 'lifeboat@example.com',
      },
      'admin@example.com',
    );
  const settled = (destinationId: string) =>
    waitFor(async () => {
      const [row] = await t.db.alertDelivery.findMany({ where: { destinationId } });
      return row && row.status !== 'queued' ? row : null;
    }, 30_000);

  it('keeps the SMTP password sealed, and a blank password keeps the stored one', async () => {
    await configure();
    const stored = await alertSettings(t.db);
    expect(stored.smtpPasswordEncrypted).not.toContain(credentials.password);
    expect(decryptSecret(stored.smtpPasswordEncrypted!)).toBe(credentials.password);
    await saveSmtp(
      t.db,
      {
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        user: credentials.user,
        clearPassword: false,
        from: 'lifeboat@example.com',
      },
      'x',
    );
    expect(decryptSecret((await alertSettings(t.db)).smtpPasswordEncrypted!)).toBe(credentials.password);
  });

  it('emails each address once when a backup fails, with what happened in the subject and the text', async () => {
    await configure();
    const oncall = await createEmail(t.db, {
      teamId,
      name: 'On-call',
      email: 'oncall@example.com',
      events: ['backup.failed'],
    });
    const lead = await createEmail(t.db, {
      teamId,
      name: 'Lead',
      email: 'lead@example.com',
      events: ['backup.failed'],
    });
    await createEmail(t.db, { teamId, name: 'Quiet', email: 'quiet@example.com', events: ['backup.overdue'] });
    const { jobId } = await failingBackup(t.db, accountId, teamId, 'mail-web');
    run();
    expect(await jobEnded(t.db, jobId)).toMatchObject({ status: 'failed' });
    expect(await settled(oncall.id)).toMatchObject({ status: 'succeeded', attempts: 1, responseStatus: 250 });
    await settled(lead.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.map((m) => m.to).sort()).toEqual([['lead@example.com'], ['oncall@example.com']]);
    const mail = smtp.mails.find((m) => m.to[0] === 'oncall@example.com')!;
    expect(mail).toMatchObject({ from: 'lifeboat@example.com', user: credentials.user });
    expect(mail.subject).toBe('[Lifeboat] Take snapshot of mail-web failed: The disk to back up no longer exists.');
    expect(mail.text).toContain('Team: Mailed\nInstance: mail-web\nJob: Take snapshot');
    expect(mail.text).toContain('Event: backup.failed');
  });

  it("logs the SMTP server's refusal of a wrong password, and says so when no server is set", async () => {
    await configure('not the password');
    const to = await createEmail(t.db, {
      teamId,
      name: 'Refused',
      email: 'oncall@example.com',
      events: ['backup.failed'],
    });
    run();
    await raiseAlert(t.db, { teamId, type: 'backup.failed', summary: 'x failed.', data: {} });
    const refused = await settled(to.id);
    expect(refused).toMatchObject({ status: 'failed', attempts: 6, responseStatus: 535 });
    expect(refused.error).toMatch(/Invalid username or password/);
    expect(smtp.mails).toHaveLength(0);

    await t.db.alertSettings.deleteMany({});
    const none = await createEmail(t.db, {
      teamId,
      name: 'Nowhere',
      email: 'oncall@example.com',
      events: ['backup.failed'],
    });
    await raiseAlert(
      t.db,
      { teamId, type: 'backup.failed', summary: 'x failed.', data: {} },
      { destinationId: none.id },
    );
    const unset = await settled(none.id);
    expect(unset).toMatchObject({ status: 'failed', attempts: 1 });
    expect(unset.error).toBe('No SMTP server is set for email alerts: an administrator sets one under Admin → Alerts.');
  });
});
