import type {
  CreateImagePayload,
  CreateLinodeRequest,
  Disk,
  Event,
  Filter,
  Image,
  Linode,
  LinodeBackup,
  LinodeBackupsResponse,
  LinodeType,
  Profile,
  Region,
  ResourcePage,
} from '@linode/api-v4';
import type { LinodeClient } from './client';

// One function per Linode API v4 endpoint the provider uses. Paths, methods and body fields are
// the ones in the official OpenAPI spec (openapi-4.189.0.json); contract.int.test.ts sends every
// function's request to Prism running that spec, so a field the spec does not know fails there.
// Bodies use the API's own field names, typed with @linode/api-v4 where it has a type.

// The spec's enums (PUT /linode/instances/{linodeId}, backups.schedule). Not @linode/api-v4's
// Window: that one leaves out W6, which the spec and the API accept.
export type BackupDay =
  'Scheduling' | 'Sunday' | 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday';
export type BackupWindow =
  'Scheduling' | 'W0' | 'W2' | 'W4' | 'W6' | 'W8' | 'W10' | 'W12' | 'W14' | 'W16' | 'W18' | 'W20' | 'W22';

const instance = (linodeId: number) => `/linode/instances/${linodeId}`;
// Image ids look like "private/12345": the slash must stay inside the one path segment.
const image = (imageId: string) => `/images/${encodeURIComponent(imageId)}`;

/** The token check made when an account is saved: any valid token may read its own profile. */
export async function getProfile(client: LinodeClient): Promise<Profile> {
  return client.request<Profile>('GET', '/profile');
}

/** All Linodes the token can see, narrowed by an X-Filter such as `{ tags: 'lifeboat' }`. */
export async function listInstances(client: LinodeClient, filter?: Filter): Promise<Linode[]> {
  return client.listAll<Linode>('/linode/instances', filter);
}

export async function getInstance(client: LinodeClient, linodeId: number): Promise<Linode> {
  return client.request<Linode>('GET', instance(linodeId));
}

export async function listDisks(client: LinodeClient, linodeId: number): Promise<Disk[]> {
  return client.listAll<Disk>(`${instance(linodeId)}/disks`);
}

/** Starts capturing a disk into a private image; it is ready when its status is "available". */
export async function captureImage(
  client: LinodeClient,
  body: Pick<CreateImagePayload, 'disk_id' | 'label' | 'description'>,
): Promise<Image> {
  return client.request<Image>('POST', '/images', { body });
}

/** The account's own images; without the filter the list also holds every public distribution. */
export async function listImages(client: LinodeClient, filter: Filter = { is_public: false }): Promise<Image[]> {
  return client.listAll<Image>('/images', filter);
}

export async function getImage(client: LinodeClient, imageId: string): Promise<Image> {
  return client.request<Image>('GET', image(imageId));
}

/** Renames or re-describes an image; an empty description clears it (the spec wants null, not ""). */
export async function updateImage(
  client: LinodeClient,
  imageId: string,
  changes: { label?: string; description?: string | null },
): Promise<Image> {
  const body = { ...changes, ...(changes.description === '' ? { description: null } : {}) };
  return client.request<Image>('PUT', image(imageId), { body });
}

export async function deleteImage(client: LinodeClient, imageId: string): Promise<void> {
  await client.request('DELETE', image(imageId));
}

/** Subscribes the Linode to the Backup service, priced per type (see listTypes' addons.backups). */
export async function enableBackups(client: LinodeClient, linodeId: number): Promise<void> {
  await client.request('POST', `${instance(linodeId)}/backups/enable`);
}

/** Ends the Backup service; the spec warns it deletes all of the Linode's existing backups forever. */
export async function cancelBackups(client: LinodeClient, linodeId: number): Promise<void> {
  await client.request('POST', `${instance(linodeId)}/backups/cancel`);
}

/** The automatic backups and the one manual snapshot slot (current and in progress). */
export async function listBackups(client: LinodeClient, linodeId: number): Promise<LinodeBackupsResponse> {
  return client.request<LinodeBackupsResponse>('GET', `${instance(linodeId)}/backups`);
}

/** Starts a manual snapshot; the previous snapshot of this Linode is deleted (there is one slot). */
export async function takeSnapshot(client: LinodeClient, linodeId: number, label: string): Promise<LinodeBackup> {
  return client.request<LinodeBackup>('POST', `${instance(linodeId)}/backups`, { body: { label } });
}

/** Sets the weekly backup day and the two-hour UTC window of the daily backups. */
export async function updateBackupSchedule(
  client: LinodeClient,
  linodeId: number,
  schedule: { day: BackupDay; window: BackupWindow },
): Promise<Linode> {
  return client.request<Linode>('PUT', instance(linodeId), { body: { backups: { schedule } } });
}

/** Restores a backup onto a Linode in the same region; overwrite deletes that Linode's disks and configs first. */
export async function restoreBackup(
  client: LinodeClient,
  linodeId: number,
  backupId: number,
  target: { linode_id: number; overwrite: boolean },
): Promise<void> {
  await client.request('POST', `${instance(linodeId)}/backups/${backupId}/restore`, { body: target });
}

type NewInstance = Required<Pick<CreateLinodeRequest, 'region' | 'type' | 'label'>> & Pick<CreateLinodeRequest, 'tags'>;

/** Deploys a new Linode from an image; the API requires a root password with an image. */
export async function createInstanceFromImage(
  client: LinodeClient,
  body: NewInstance & { image: string; root_pass: string },
): Promise<Linode> {
  return client.request<Linode>('POST', '/linode/instances', { body });
}

/** Deploys a new Linode from another Linode's backup: it must be successful and in the same region. */
export async function createInstanceFromBackup(
  client: LinodeClient,
  body: NewInstance & { backup_id: number },
): Promise<Linode> {
  return client.request<Linode>('POST', '/linode/instances', { body });
}

/**
 * Deletes a Linode for good: the spec says its disks, configs and backups go with it and its IP
 * addresses are given up. Linode refuses while the Linode is being cloned or restored.
 */
export async function deleteInstance(client: LinodeClient, linodeId: number): Promise<void> {
  await client.request('DELETE', instance(linodeId));
}

/** Plans with their prices, the Backup add-on's among them. */
export async function listTypes(client: LinodeClient): Promise<LinodeType[]> {
  return client.listAll<LinodeType>('/linode/types');
}

export async function listRegions(client: LinodeClient): Promise<Region[]> {
  return client.listAll<Region>('/regions');
}

/**
 * The newest events first, one page only: the account keeps 90 days of them, and following a
 * long operation needs only the latest, e.g. `{ 'entity.id': 7, 'entity.type': 'linode' }`.
 */
export async function listEvents(
  client: LinodeClient,
  filter: Exclude<Filter, unknown[]> = {},
  pageSize = 25,
): Promise<Event[]> {
  const ordered: Filter = { '+order_by': 'created', '+order': 'desc', ...filter };
  // The API takes page sizes from 25 to 500 only.
  const size = Math.min(Math.max(Math.trunc(pageSize), 25), 500);
  const page = await client.request<ResourcePage<Event>>('GET', '/account/events', { filter: ordered, pageSize: size });
  return page.data;
}

/** One event, polled until its status is finished or failed. */
export async function getEvent(client: LinodeClient, eventId: number): Promise<Event> {
  return client.request<Event>('GET', `/account/events/${eventId}`);
}
