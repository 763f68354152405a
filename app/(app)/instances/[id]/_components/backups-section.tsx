import { DialogButton } from '@/components/dialog';
import { DownloadDialog } from '@/components/download-dialog';
import { LocalTime, LocalWindow } from '@/components/local-time';
import { readBackupsTab } from '@/lib/data/backups';
import { emptyBackupsText } from '@/lib/domain/backups/overdue';
import { formatMoney } from '@/lib/domain/images';
import { JOB_NAMES } from '@/lib/domain/progress';
import { formatBytes } from '@/lib/domain/usage';
import { CancelBackupsForm, EnableBackupsForm, RestoreForm, SnapshotForm, VerifyButton } from './backup-forms';
import { ScheduleForm } from './schedule-form';

const SLOT_ORDER = ['daily', 'weekly', 'biweekly', 'snapshot'];
const SLOT_NAMES: Record<string, string> = {
  daily: 'Daily',
  weekly: 'Weekly',
  biweekly: 'Biweekly',
  snapshot: 'Snapshot',
};

// "Scheduling" is the service's word for "the system picks"; say which part it picked, in words.
function pickedBy(picked: { day: boolean; window: boolean }, who: string): string {
  if (picked.day && picked.window) return ` (${who} picks the day and the window)`;
  if (picked.day) return ` (${who} picks the day)`;
  if (picked.window) return ` (${who} picks the window)`;
  return '';
}

// The backups tab: enable or cancel, the schedule with its next runs, the slots with restore
// and verify, what rotates out next, and the manual snapshot.
export async function BackupsSection({ instanceId, busy }: { instanceId: string; busy: boolean }) {
  const tab = await readBackupsTab(instanceId);
  if (!tab) return null;
  const { instance, schedule } = tab;
  const slotted = tab.backups
    .filter((b) => b.slot)
    .sort((a, b) => SLOT_ORDER.indexOf(a.slot!) - SLOT_ORDER.indexOf(b.slot!));
  const other = tab.backups.filter((b) => !b.slot).slice(0, 5);
  const rows = [...slotted, ...other];
  const empty = emptyBackupsText(rows, tab.provider.schedulesItself ? tab.provider.label : null);
  return (
    <section id="backups" aria-labelledby="backups-heading" className="mt-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="backups-heading" className="text-lg font-semibold">
          Backups
        </h2>
        {tab.canWrite && (
          <div className="flex gap-2">
            {instance.enabled ? (
              <>
                <DialogButton
                  key="snapshot"
                  label={JOB_NAMES.snapshot}
                  title={JOB_NAMES.snapshot}
                  variant="primary"
                  disabled={busy}
                >
                  <SnapshotForm instanceId={instance.id} hasSnapshot={tab.backups.some((b) => b.slot === 'snapshot')} />
                </DialogButton>
                <DialogButton
                  key="cancel"
                  label="Cancel backups"
                  title={`Cancel backups of ${instance.label}`}
                  variant="danger"
                >
                  <CancelBackupsForm instanceId={instance.id} label={instance.label} />
                </DialogButton>
              </>
            ) : (
              <DialogButton key="enable" label="Enable backups" title="Enable the backup service" variant="primary">
                <EnableBackupsForm instanceId={instance.id} price={tab.price} />
              </DialogButton>
            )}
          </div>
        )}
      </div>
      {!instance.enabled ? (
        <div className="mt-2 space-y-4 text-sm">
          <p className="text-slate-700">
            The backup service is off
            {tab.price !== null ? ` (it costs ${formatMoney(tab.price)}/mo for this plan once enabled)` : ''}. Snapshots
            through it have no size limit and do not count against the image limit.
          </p>
          {/* Cancelling deletes an instance's backups, so backups with the service off came back from
              the store (a rebuild recreates an instance with backups off): usable, none taken. */}
          {rows.length > 0 && (
            <>
              <p data-testid="kept-backups">
                These backups are still in the backup store (a rebuild from the stores brings them back with the service
                off): they can be restored and deployed from. No new ones are taken while the service is off.
              </p>
              <BackupsTable tab={tab} rows={rows} empty={null} busy={busy} />
            </>
          )}
        </div>
      ) : (
        <div className="mt-2 space-y-4 text-sm">
          {tab.overdue && (
            <p role="alert" className="rounded bg-amber-100 p-2 font-medium text-amber-900">
              Overdue: no successful backup in the last 26 hours.
            </p>
          )}
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <h3 className="font-semibold">Schedule</h3>
            <p className="mt-1">
              {schedule.dayName}s are the weekly; daily in{' '}
              <LocalWindow window={schedule.window} utcLabel={schedule.windowUtc} />
              {pickedBy(schedule.systemPicked, tab.provider.schedulesItself ? tab.provider.label : 'Lifeboat')}.
            </p>
            {tab.canWrite && (
              <div className="mt-2">
                <ScheduleForm
                  instanceId={instance.id}
                  day={schedule.day}
                  window={tab.schedule.systemPicked.window ? 'Scheduling' : schedule.window}
                  picker={tab.provider.schedulesItself ? tab.provider.label : 'Lifeboat'}
                />
              </div>
            )}
            {tab.provider.scheduleNote ? (
              <p className="mt-2" data-testid="provider-schedule">
                {tab.provider.scheduleNote}
              </p>
            ) : (
              <>
                <h4 className="mt-3 font-medium">Next backups</h4>
                <ul className="mt-1 list-inside list-disc" data-testid="next-backups">
                  {tab.next.map((n) => (
                    <li key={n.at}>
                      <LocalTime iso={n.at} utc="beside" />
                      {n.weekly ? ' · becomes the weekly' : ''}
                    </li>
                  ))}
                </ul>
                <p className="mt-2" data-testid="rotation-preview">
                  {tab.rotation.deletes.length === 0 ? (
                    'The next backup rotates nothing out.'
                  ) : (
                    <>
                      The next backup (<LocalTime iso={tab.rotation.at} />) rotates out:{' '}
                      {tab.rotation.deletes.map((d) => `the ${d.slot} (${d.reason})`).join(', ')}.
                    </>
                  )}
                </p>
              </>
            )}
          </div>
          <BackupsTable tab={tab} rows={rows} empty={empty} busy={busy} />
        </div>
      )}
    </section>
  );
}

type Tab = NonNullable<Awaited<ReturnType<typeof readBackupsTab>>>;

// The backups of the instance, in slot order, with restore, deploy and verify where allowed.
function BackupsTable({
  tab,
  rows,
  empty,
  busy,
}: {
  tab: Tab;
  rows: Tab['backups'];
  empty: string | null;
  busy: boolean;
}) {
  const { instance } = tab;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left">
        <caption className="sr-only">Backup slots</caption>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            {['Slot', 'Status', 'Taken', 'Size', 'Stored', 'Actions'].map((h) => (
              <th key={h} scope="col" className="px-3 py-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {empty && (
            <tr>
              <td colSpan={6} className="px-3 py-3 text-slate-600">
                {empty}
              </td>
            </tr>
          )}
          {rows.map((b) => (
            <tr key={b.id} className="border-b border-slate-100 last:border-0" data-testid="backup-row">
              <td className="px-3 py-2 font-medium">
                {b.slot ? SLOT_NAMES[b.slot] : b.kind === 'snapshot' ? 'Snapshot' : 'Automatic'}
                {b.label && <div className="text-xs font-normal">{b.label}</div>}
              </td>
              <td className="px-3 py-2">
                <span data-testid="backup-status">{b.damaged ? 'damaged' : b.status}</span>
                {b.failureReason && <div className="text-xs text-red-800">{b.failureReason}</div>}
                {b.damaged && <div className="text-xs text-red-800">Failed verification: never used for restore.</div>}
              </td>
              <td className="px-3 py-2">{b.takenAt ? <LocalTime iso={b.takenAt} /> : '—'}</td>
              {/* A remote provider tells the size of the disks a backup holds, not their data or its storage. */}
              <td className="px-3 py-2">
                {b.status !== 'successful'
                  ? '—'
                  : tab.provider.remote
                    ? `${formatBytes(b.sizeBytes)} of disks`
                    : `${formatBytes(b.dataBytes)} data`}
              </td>
              <td className="px-3 py-2">
                {b.status === 'successful' && !tab.provider.remote ? formatBytes(b.storedBytes) : '—'}
              </td>
              <td className="px-3 py-2">
                <div className="flex flex-wrap gap-2">
                  {tab.provider.storesCopies && b.status === 'successful' && !b.damaged && (
                    <DownloadDialog
                      href={`/api/backups/${b.id}/download`}
                      what={`the ${b.slot ?? b.kind} backup`}
                      sizeBytes={b.sizeBytes}
                    />
                  )}
                  {tab.canWrite && b.status === 'successful' && !b.damaged && (
                    <>
                      <DialogButton
                        label={JOB_NAMES.restore}
                        title={`${JOB_NAMES.restore}: the ${b.slot ?? b.kind}`}
                        disabled={busy}
                      >
                        <RestoreForm
                          backupId={b.id}
                          instance={instance}
                          targets={tab.restoreTargets}
                          note={tab.provider.restoreNote}
                        />
                      </DialogButton>
                      <a
                        href={`/backups/${b.id}/deploy`}
                        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
                      >
                        {JOB_NAMES.deployBackup}
                      </a>
                      {tab.provider.canVerify && <VerifyButton backupId={b.id} />}
                    </>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
