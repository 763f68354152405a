import { IMAGE_LIMIT_MB, PUBLIC_IMAGE } from './catalog';
import { findDisk } from './state-instances';
import { linodeRef, nextId, notFound, refuse, stamp, startOperation, type FakeState, type Image } from './state';

// Private images captured from a disk ("imagize"). The image exists at once as 'creating' and
// becomes 'available' when its disk_imagize event finishes; its size is the data on the disk,
// and more than Linode's 6 GiB fails the event (the request itself is accepted).

export function seedPublicImages(state: FakeState) {
  state.images.set(PUBLIC_IMAGE.id, {
    ...PUBLIC_IMAGE,
    capabilities: [...PUBLIC_IMAGE.capabilities],
    tags: [],
    regions: [],
  });
}

export function findImage(state: FakeState, id: string): Image {
  const image = state.images.get(id);
  if (!image) throw notFound();
  return image;
}

/** POST /images {disk_id, label, description, tags, cloud_init}. */
export function captureImage(state: FakeState, body: Record<string, unknown>): Image {
  if (typeof body.disk_id !== 'number') throw refuse('disk_id is required', 'disk_id');
  const found = findDisk(state, body.disk_id);
  if (!found) throw refuse('Disk not found', 'disk_id');
  const { instance, disk } = found;
  if (disk.status !== 'ready') throw refuse('Disk is not ready', 'disk_id');
  if (disk.filesystem === 'swap') throw refuse('Cannot imagize a swap disk', 'disk_id');
  if (state.operations.some((op) => op.event.action === 'disk_imagize' && op.event.entity.id === instance.id))
    throw refuse('Linode busy.', 'disk_id');
  const description = optionalText(body.description, 'description', 65_000);
  const label = optionalText(body.label, 'label', 100) ?? disk.label;
  const now = stamp(state);
  const image: Image = {
    id: `private/${nextId(state, 'image')}`,
    label,
    description,
    size: 0,
    total_size: 0,
    status: 'creating',
    created: now,
    updated: now,
    created_by: state.username,
    type: 'manual',
    is_public: false,
    deprecated: false,
    vendor: null,
    eol: null,
    expiry: null,
    capabilities: body.cloud_init === true ? ['cloud-init'] : [],
    tags: tagsOf(body.tags),
    regions: [{ region: instance.region, status: 'creating' }],
  };
  state.images.set(image.id, image);
  startOperation(state, 'capture', 'disk_imagize', linodeRef(instance), {
    secondary: { id: image.id, label: image.label, type: 'image', url: `/v4/images/${image.id}` },
    finish: () => {
      if (state.images.get(image.id) !== image) return 'The image was deleted during capture.';
      const used = state.usedMB.get(disk.id) ?? disk.size;
      if (used > IMAGE_LIMIT_MB) {
        state.images.delete(image.id);
        return `Image would be ${used} MB; the limit is ${IMAGE_LIMIT_MB} MB.`;
      }
      Object.assign(image, {
        status: 'available',
        size: used,
        total_size: used,
        updated: stamp(state),
        regions: [{ region: instance.region, status: 'available' }],
      });
      return null;
    },
  });
  return image;
}

/** PUT /images/{id}: label, description and tags; public images are not yours to change. */
export function updateImage(state: FakeState, id: string, body: Record<string, unknown>): Image {
  const image = findImage(state, id);
  if (image.is_public) throw refuse('Unauthorized', undefined, 403);
  if (body.label !== undefined) image.label = optionalText(body.label, 'label', 100) ?? image.label;
  if (body.description !== undefined) image.description = optionalText(body.description, 'description', 65_000);
  if (body.tags !== undefined) image.tags = tagsOf(body.tags);
  image.updated = stamp(state);
  return image;
}

export function deleteImage(state: FakeState, id: string) {
  const image = findImage(state, id);
  if (image.is_public) throw refuse('Unauthorized', undefined, 403);
  state.images.delete(id);
}

// The spec gives description minLength 1 and nullable: an empty string is stored as null.
function optionalText(value: unknown, field: string, max: number): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > max)
    throw refuse(`${field} must be a string of at most ${max} characters`, field);
  return value;
}

function tagsOf(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string' || t.length < 3 || t.length > 100)) {
    throw refuse('tags must be strings of 3 to 100 characters', 'tags');
  }
  return value as string[];
}
