import fs from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { DeleteBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshBucket, swiftCredentials } from '@/tests/object-store';
import { clearPrefix } from './stores';
import { startTlsFront, type TlsFront } from './tls-front';

// The benchmark's https front for Swift (restic's S3 peer goes through it): signed S3 requests
// made for the front's address pass through to the real Swift and verify there, bodies arrive
// intact both ways, and a wrong signature is still refused (the front adds no trust of its own).

describe('the benchmark’s TLS front for Swift', () => {
  let dir: string;
  let front: TlsFront;
  let bucket: Awaited<ReturnType<typeof freshBucket>>;
  const client = async (secretAccessKey = swiftCredentials.secretAccessKey) =>
    new S3Client({
      endpoint: front.url,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: swiftCredentials.accessKeyId, secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { httpsAgent: new https.Agent({ ca: await fs.readFile(front.cacert) }) },
      maxAttempts: 1,
    });

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lifeboat-tls-front-'));
    bucket = await freshBucket('tls-front');
    front = await startTlsFront(dir, { host: '127.0.0.1', port: 8080 });
  }, 120_000);
  afterAll(async () => {
    if (bucket) {
      await clearPrefix(bucket.objects(''));
      const admin = await client();
      await admin.send(new DeleteBucketCommand({ Bucket: bucket.bucket })).finally(() => admin.destroy());
    }
    await front?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('passes signed requests through to Swift over https, bodies intact', async () => {
    expect(front.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const body = Buffer.alloc(3 * 1024 * 1024 + 17, 'lifeboat ');
    const s3 = await client();
    await s3.send(
      new PutObjectCommand({ Bucket: bucket.bucket, Key: 'through/front', Body: body, ContentLength: body.length }),
    );
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket.bucket, Key: 'through/front' }));
    expect(Buffer.from(await out.Body!.transformToByteArray()).equals(body)).toBe(true);
    // Written through the front, read directly from Swift: the same object.
    expect((await bucket.objects('').get('through/front')).equals(body)).toBe(true);
    s3.destroy();
  });

  it('leaves authentication to Swift: a wrong secret is refused', async () => {
    const s3 = await client('not-the-secret');
    await expect(
      s3.send(new PutObjectCommand({ Bucket: bucket.bucket, Key: 'refused', Body: 'x' })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    s3.destroy();
    expect(await bucket.objects('').head('refused')).toBeNull();
  });
});
