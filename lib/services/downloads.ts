import 'server-only';
import { authorize, type Caller } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { downloadFileName, DownloadUnavailableError, type DownloadFormat } from '@/lib/domain/downloads';
import { NotFoundError } from '@/lib/domain/errors';
import { descriptorOf } from '@/lib/providers';
import { backupStore, imageStore } from '@/lib/providers/stores';
import { readManifest, type OpenedStore } from '@/lib/storage';
import { diskFileStream, type DiskFile } from './disk-stream';

// Downloading an image or a backup: who may (anyone who may see its team), what can be (a copy
// Lifeboat keeps in its own store, finished and sound), and the audit entry, since a download is
// data leaving the system. Refusals are recorded too, as an action's are. Nothing here writes
// but the audit log, and the store is only read.

export type DownloadRequest = { kind: 'image' | 'backup'; id: string; format: DownloadFormat };
export type Download = DiskFile & { fileName: string };

type Copy = {
  teamId: string;
  label: string;
  what: string;
  providerKind: string;
  /** Why it cannot be downloaded now, if so. */
  unavailable: string | null;
  store: () => Promise<OpenedStore>;
  digest: string | null;
};

async function findCopy(kind: DownloadRequest['kind'], id: string): Promise<Copy | null> {
  if (kind === 'image') {
    const image = await db().image.findUnique({ where: { id }, include: { account: { select: { kind: true } } } });
    if (!image) return null;
    const what = `The image ${image.label}`;
    return {
      teamId: image.teamId,
      label: image.label,
      what,
      providerKind: image.account.kind,
      unavailable:
        image.status === 'creating'
          ? `${what} is still being captured: download it once it is available.`
          : image.status === 'failed'
            ? `${what} failed, so there is nothing to download.`
            : null,
      store: imageStore,
      digest: image.digest,
    };
  }
  const backup = await db().backup.findUnique({
    where: { id },
    include: { instance: { select: { label: true, account: { select: { kind: true } } } } },
  });
  if (!backup) return null;
  const day = (backup.takenAt ?? backup.createdAt).toISOString().slice(0, 10);
  const label = `${backup.instance.label}-${backup.label || backup.slot || backup.kind}-${day}`;
  const what = `The ${backup.slot ?? backup.kind} backup of ${backup.instance.label}`;
  return {
    teamId: backup.teamId,
    label,
    what,
    providerKind: backup.instance.account.kind,
    unavailable:
      backup.status !== 'successful'
        ? `${what} is ${backup.status}: only a successful backup can be downloaded.`
        : backup.damaged
          ? `${what} failed verification: its data cannot be trusted, so it is not offered for download.`
          : null,
    store: () => backupStore(backup.region),
    digest: backup.digest,
  };
}

/** Checks the caller and the copy, records the download and returns the file to stream. Throws
 *  NotFoundError (unknown, or another team's) or DownloadUnavailableError (409). */
export async function openDownload(
  caller: Caller,
  ip: string,
  request: DownloadRequest,
  signal?: AbortSignal,
): Promise<Download> {
  const { kind, id, format } = request;
  const copy = await findCopy(kind, id);
  // Until the caller may see it, an entry names neither its label nor its team.
  let seen = false;
  const audit = (result: 'success' | 'refused' | 'failure', detail: string) =>
    recordAudit(db(), {
      action: `${kind}.download`,
      result,
      actorId: caller.id,
      actorEmail: caller.email,
      targetType: kind,
      targetId: id,
      targetLabel: seen ? copy!.label : '',
      teamId: seen ? copy!.teamId : null,
      ip,
      detail,
    });
  try {
    if (!copy) throw new NotFoundError(kind === 'image' ? 'The image' : 'The backup');
    authorize(caller, 'read', copy.teamId, kind === 'image' ? 'The image' : 'The backup');
    seen = true;
    const { traits, label: provider } = descriptorOf(copy.providerKind);
    if (!traits.storesCopies)
      throw new DownloadUnavailableError(`${copy.what} is kept by ${provider}; download it there.`);
    if (copy.unavailable) throw new DownloadUnavailableError(copy.unavailable);
  } catch (error) {
    await audit('refused', error instanceof Error ? error.message : String(error));
    throw error;
  }
  const store = await copy.store();
  const manifest = await readManifest(store, id);
  if (copy.digest !== null && manifest.digest !== copy.digest)
    throw new Error(`${copy.what}: its manifest's digest ${manifest.digest} is not the recorded ${copy.digest}`);
  const file = diskFileStream(store, manifest, format, {
    signal,
    // The entry below says the download started; one that breaks off on a bad chunk says so too.
    // A client that went away is no failure: the start entry already says the download began.
    onError: async (error) =>
      (error as Error)?.name === 'AbortError'
        ? undefined
        : audit('failure', `${format}: ${error instanceof Error ? error.message : String(error)}`),
  });
  await audit('success', `${format}, ${file.size} bytes`);
  return { ...file, fileName: downloadFileName(copy.label, format) };
}
