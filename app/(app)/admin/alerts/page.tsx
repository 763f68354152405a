import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { readAlertSettings } from '@/lib/data/alerts';
import { PrivateTargetsForm } from './_components/private-targets-form';
import { SmtpForm } from './_components/smtp-form';

export const metadata: Metadata = { title: 'Alert settings' };

const section = 'mt-6 rounded-lg border border-slate-200 bg-white p-4';

// What every team's alerts rely on: where webhooks may go, and the SMTP server email alerts go
// through. The teams choose their own destinations and events on the Alerts page.
export default async function AlertSettingsPage() {
  const settings = await readAlertSettings();
  if (!settings) notFound();
  return (
    <>
      <h1 className="text-2xl font-semibold">Alert settings</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Each team&apos;s members choose where its alerts go and which, on the Alerts page. These settings hold for every
        team.
      </p>
      <section aria-labelledby="webhook-targets-heading" className={section}>
        <h2 id="webhook-targets-heading" className="mb-2 text-lg font-semibold">
          Webhook targets
        </h2>
        <PrivateTargetsForm allowPrivateTargets={settings.allowPrivateTargets} />
      </section>
      <section aria-labelledby="smtp-heading" className={section}>
        <h2 id="smtp-heading" className="mb-2 text-lg font-semibold">
          Email (SMTP)
        </h2>
        <SmtpForm smtp={settings.smtp} />
      </section>
    </>
  );
}
