import { describe, expect, it } from 'vitest';
import { parseStoreUrl } from './store-url';

describe('store addresses', () => {
  it('reads folders on this host', () => {
    expect(parseStoreUrl('/var/lib/lifeboat/images/')).toEqual({ kind: 'file', root: '/var/lib/lifeboat/images/' });
    expect(parseStoreUrl('file:///srv/backups/eu%20central')).toEqual({
      kind: 'file',
      root: '/srv/backups/eu central',
    });
  });

  it('reads S3 buckets with a prefix, endpoint, region and path style', () => {
    expect(
      parseStoreUrl('s3://lifeboat-images/prod/eu?endpoint=http://127.0.0.1:8080&region=eu-central-1&path-style=true'),
    ).toEqual({
      kind: 's3',
      bucket: 'lifeboat-images',
      prefix: 'prod/eu/',
      endpoint: 'http://127.0.0.1:8080',
      region: 'eu-central-1',
      pathStyle: true,
    });
    expect(parseStoreUrl('s3://backups')).toEqual({
      kind: 's3',
      bucket: 'backups',
      prefix: '',
      endpoint: undefined,
      region: 'us-east-1',
      pathStyle: false,
    });
  });

  it('refuses what it cannot use, in words', () => {
    expect(() => parseStoreUrl('relative/folder')).toThrow(/Not a store address/);
    expect(() => parseStoreUrl('ftp://host/x')).toThrow(/Unknown store kind ftp/);
    expect(() => parseStoreUrl('s3://key:secret@bucket/x')).toThrow(/Credentials do not belong/);
    expect(() => parseStoreUrl('s3://Bad_Bucket/x')).toThrow(/Not a bucket name/);
    expect(() => parseStoreUrl('s3://bucket/a%2F..%2Fb')).toThrow(/segments/);
    expect(() => parseStoreUrl('s3://bucket/x?endpoint=javascript:alert(1)')).toThrow(/endpoint must be an http/);
    expect(() => parseStoreUrl('s3://bucket/x?path-style=maybe')).toThrow(/path-style/);
  });
});
