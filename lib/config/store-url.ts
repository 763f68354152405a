import path from 'node:path';

// Where a store is, written as one URL (IMAGE_STORE, BACKUP_STORE_<REGION>, an admin setting):
//   /var/lib/lifeboat/images  or  file:///var/lib/lifeboat/images     a folder on this host
//   s3://bucket/prefix?endpoint=https://…&region=…&path-style=true      S3-compatible storage
// Credentials never ride in the URL: they are stored apart, encrypted like provider tokens.

/** Where an S3-compatible store is; its credentials are kept apart (lib/storage/objects/s3.ts adds them). */
export type S3Address = {
  bucket: string;
  prefix: string;
  endpoint?: string;
  region: string;
  pathStyle: boolean;
};

export type StoreLocation = { kind: 'file'; root: string } | ({ kind: 's3' } & S3Address);

export class StoreUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUrlError';
  }
}

export function parseStoreUrl(value: string): StoreLocation {
  const text = value.trim();
  if (text.startsWith('/')) return { kind: 'file', root: path.normalize(text) };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new StoreUrlError(
      `Not a store address: ${JSON.stringify(value)}. Use an absolute folder, file:///folder or s3://bucket/prefix.`,
    );
  }
  if (url.protocol === 'file:') return { kind: 'file', root: path.normalize(decodeURIComponent(url.pathname)) };
  if (url.protocol !== 's3:')
    throw new StoreUrlError(`Unknown store kind ${url.protocol.replace(':', '')}: use file or s3.`);
  if (url.username || url.password)
    throw new StoreUrlError(
      'Credentials do not belong in the store address; set them as the store’s access key and secret.',
    );
  const bucket = url.hostname;
  // S3's own rule for bucket names: 3-63 lowercase letters, digits, dots and hyphens.
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    throw new StoreUrlError(`Not a bucket name: ${JSON.stringify(bucket)}.`);
  const prefix = decodeURIComponent(url.pathname).replace(/^\/+/, '');
  if (prefix.split('/').some((part) => part === '.' || part === '..'))
    throw new StoreUrlError('The prefix may not contain "." or ".." segments.');
  const endpoint = url.searchParams.get('endpoint') ?? undefined;
  if (endpoint && !/^https?:\/\//.test(endpoint))
    throw new StoreUrlError(`The endpoint must be an http(s) URL: ${JSON.stringify(endpoint)}.`);
  const pathStyle = url.searchParams.get('path-style');
  if (pathStyle !== null && !['true', 'false', '1', '0'].includes(pathStyle))
    throw new StoreUrlError('path-style is true or false.');
  return {
    kind: 's3',
    bucket,
    prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
    endpoint,
    region: url.searchParams.get('region') || 'us-east-1',
    pathStyle: pathStyle === 'true' || pathStyle === '1',
  };
}
