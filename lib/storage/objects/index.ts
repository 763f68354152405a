import { fileObjectStore } from './fs';
import { parseStoreUrl } from '@/lib/config/store-url';
import { s3ObjectStore } from './s3';
import type { ObjectStore } from './types';

export {
  listAll,
  listObjects,
  ObjectNotFoundError,
  type ByteRange,
  type ObjectInfo,
  type ObjectPage,
  type ObjectStore,
} from './types';

/** The store a URL names; S3 credentials come beside it, never inside it. */
export function openObjectStore(
  url: string,
  credentials: { accessKeyId?: string; secretAccessKey?: string } = {},
): ObjectStore {
  const where = parseStoreUrl(url);
  return where.kind === 'file' ? fileObjectStore(where.root) : s3ObjectStore({ ...where, ...credentials });
}
